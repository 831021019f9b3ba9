"""The API's documentation page, drawn on the server from the live OpenAPI schema (no CDN)."""

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def api_docs(request):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = []
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                op = item[method]
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": op.get("summary") or op.get("operationId", ""),
                        "description": op.get("description", ""),
                        "parameters": [
                            (p["name"], p["in"], p.get("description", ""))
                            for p in op.get("parameters", [])
                        ],
                        "responses": sorted(op.get("responses", {})),
                    }
                )
    return render(
        request,
        "api/docs.html",
        {"info": schema["info"], "operations": operations},
    )
