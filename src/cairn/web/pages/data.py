"""Your data: download the export, import one (upload; the rows it brought are counted),
and delete everything after typing a phrase. The same use cases as ``cairn export``,
``cairn import`` and ``cairn delete-all-data``; a bad file or a wrong phrase changes
nothing (422, the form shown again with what is wrong)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from cairn.core.errors import CairnError, Conflict, ImportFormatError, InvalidInput
from cairn.services.app import Cairn
from cairn.services.data_pages import data_page, export_file
from cairn.web.deps import Person
from cairn.web.forms import Form, Posted
from cairn.web.templating import render

router = APIRouter(include_in_schema=False)

PHRASE = "delete everything"
MAX_IMPORT = 64 * 1024 * 1024  # bytes: far more than a person's export


def _show(request: Request, c: Cairn, forms: dict[str, Form] | None = None,
          done: str | None = None, status_code: int = 200) -> Response:
    shown = {"import": Form(), "delete": Form()} | (forms or {})
    return render(request, "data.html",
                  {"title": "Your data", "page": data_page(c), "page_forms": shown,
                   "phrase": PHRASE, "done": done}, status_code=status_code)


@router.get("/data")
def data(request: Request, c: Person, imported: int | None = None,
         deleted: int | None = None) -> Response:
    """What is kept, and the export, import and delete forms."""
    done = (f"Imported {imported} rows." if imported is not None
            else f"Deleted {deleted} rows: nothing of yours is kept now." if deleted is not None
            else None)
    return _show(request, c, done=done)


@router.get("/data/export")
def export(c: Person) -> Response:
    """Everything of yours as one JSON file (``cairn export``)."""
    done = export_file(c)
    return Response(done.content, media_type=done.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{done.filename}"'})


async def _uploaded(request: Request) -> tuple[str, bytes] | None:
    """The uploaded file's name and bytes (None when no file was sent)."""
    form = await request.form(max_files=1, max_fields=10)
    file = form.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        return None
    return file.filename, await file.read(MAX_IMPORT + 1)


@router.post("/data/import")
async def import_(request: Request, c: Person) -> Response:
    """Restore an export into a person with no data yet: all of it, or nothing."""
    form = Form({})
    sent = await _uploaded(request)
    if sent is None:
        form.error("file", InvalidInput("Choose the file to import.",
                                        "A file written by the export on this page."))
    elif len(sent[1]) > MAX_IMPORT:
        form.error("file", InvalidInput(f"{sent[0]} is larger than {MAX_IMPORT // 2**20} MB.",
                                        "Give a file written by Cairn's export."))
    else:
        try:
            counts = await run_in_threadpool(c.data.import_, sent[1], sent[0])
        except (ImportFormatError, InvalidInput) as err:
            form.error("file", err)
        except Conflict as err:
            form.fail(err)
            return _show(request, c, {"import": form}, status_code=409)
        else:
            return RedirectResponse(f"/data?imported={sum(counts.values())}", status_code=303)
    return _show(request, c, {"import": form}, status_code=422)


@router.post("/data/delete")
def delete_everything(request: Request, c: Person, fields: Posted) -> Response:
    """Remove every row of your data, once the phrase is typed."""
    form = Form(fields)
    typed = " ".join(form.text("confirm").lower().split())
    if typed != PHRASE:
        form.error("confirm", InvalidInput(
            "Nothing was deleted: the phrase does not match." if typed
            else "Nothing was deleted: type the phrase to confirm.",
            f"Type '{PHRASE}' exactly, to show you mean it."))
        return _show(request, c, {"delete": form}, status_code=422)
    try:
        counts = c.data.delete_all()
    except CairnError as err:
        form.fail(err)
        return _show(request, c, {"delete": form}, status_code=err.http_status)
    return RedirectResponse(f"/data?deleted={sum(counts.values())}", status_code=303)
