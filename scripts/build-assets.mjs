// Build the portal's CSS from GOV.UK Frontend's Sass (installed from npm) and copy the
// JavaScript it needs into static/build, which Django serves. Nothing comes from a CDN.
import { compile } from "sass";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(root, "static", "build");
mkdirSync(out, { recursive: true });

const result = compile(join(root, "static", "src", "portal.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "portal.css"), result.css);
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
// The compiled CSS names this image (in header styles the portal does not use); it must exist
// for collectstatic's hashed, compressed copies (WhiteNoise) to build. It is never displayed.
mkdirSync(join(out, "assets", "images"), { recursive: true });
cpSync(join(govuk, "assets", "images", "govuk-crest.svg"), join(out, "assets", "images", "govuk-crest.svg"));
console.log("assets built into static/build");
