"""A loopback SMTP server for the cluster: keeps every message as a file, or refuses them all.

    python -m bench.smtp_sink --port 8815 --spool DIR

Each accepted message is written to DIR/<n>.eml. While the file DIR/REFUSE exists, every
message is refused with "554 Transaction failed" after DATA, as a mail server that turns mail
away does (scripts/cluster smtp-refuse on|off). Only what the portal's SMTP back end says is
understood: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
"""

import argparse
import asyncio
import itertools
import os
from pathlib import Path

COUNTER = itertools.count(1)


async def session(reader, writer, spool: Path) -> None:
    def say(line: str) -> None:
        writer.write(line.encode() + b"\r\n")

    say("220 ssc-cluster-smtp ready")
    recipients: list[str] = []
    try:
        while line := await reader.readline():
            verb = line.decode(errors="replace").strip().split(" ", 1)[0].upper()
            if verb == "EHLO":
                say("250-ssc-cluster-smtp")
                say("250 8BITMIME")
            elif verb in {"HELO", "NOOP", "MAIL"}:
                recipients = [] if verb == "MAIL" else recipients
                say("250 OK")
            elif verb == "RCPT":
                recipients.append(line.decode(errors="replace").split(":", 1)[-1].strip())
                say("250 OK")
            elif verb == "RSET":
                recipients = []
                say("250 OK")
            elif verb == "DATA":
                say("354 End data with <CR><LF>.<CR><LF>")
                await writer.drain()
                body = bytearray()
                while (chunk := await reader.readline()) not in (b".\r\n", b".\n", b""):
                    body += chunk[1:] if chunk.startswith(b"..") else chunk
                if (spool / "REFUSE").exists():
                    say("554 Transaction failed: the cluster's mail server refuses mail")
                else:
                    name = spool / f"{os.getpid()}-{next(COUNTER):06d}.eml"
                    name.write_bytes(b"X-Sink-To: " + ", ".join(recipients).encode() + b"\n" + body)
                    say("250 OK: queued")
            elif verb == "QUIT":
                say("221 Bye")
                break
            else:
                say("502 Command not implemented")
            await writer.drain()
    finally:
        writer.close()


async def serve(port: int, spool: Path) -> None:
    server = await asyncio.start_server(
        lambda r, w: session(r, w, spool), host="127.0.0.1", port=port
    )
    async with server:
        await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--spool", type=Path, required=True)
    args = parser.parse_args()
    args.spool.mkdir(parents=True, exist_ok=True)
    asyncio.run(serve(args.port, args.spool))


if __name__ == "__main__":
    main()
