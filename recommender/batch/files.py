"""Cohort files: reading CSV, JSON Lines and Parquet in chunks, writing them atomically.

Readers yield raw chunks (a pandas DataFrame of a wide table, or a list of API-shaped
records) with the input row number of their first row; parsing and scoring happen
elsewhere (:mod:`recommender.batch.pipeline`), so reading the next chunk overlaps with scoring.
pandas is imported by the first chunk's ``to_pandas`` in a worker thread, not with this
module: on the one-threaded start-up it cost 0.17 s of CPU.

Writers write to a hidden temporary file in the output's directory and
:func:`os.replace` it over the output only when everything succeeded, so a failed or
interrupted run never leaves a half-written file under the output's name.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from recommender.cohort import CohortFileError, reserved_key, resolve_columns

if TYPE_CHECKING:
    import pandas as pd

FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
COMPRESSION = (".gz", ".bz2", ".zst", ".lz4")  # pyarrow reads these CSV/JSONL inputs transparently
DEFAULT_CHUNK_ROWS = 100_000
# A block of CSV lines parsed at once holds about chunk_rows rows, but never more than
# this: the first lines' length is only an estimate (a 2 MB first row once made a
# 100,000-row block 200 GB, and a MemoryError).
MAX_BLOCK_BYTES = 64 << 20
# A longer line (CSV row or JSON Lines profile) is a row error, skipped without being
# held in memory: memory stays bounded whatever the rows' sizes.
MAX_LINE_BYTES = 16 << 20
# Columns of an uploaded CSV (the shipped catalog needs 63 at most). Each column name
# that is not exactly a skill or module is fuzzy-matched for suggestions, a few ms
# each: a 100,000-column header took minutes. Files on disk (careerpath batch) are
# the operator's own and are not capped.
MAX_UPLOAD_COLUMNS = 256
# Columns with a value per row (row numbers, people's ids): Parquet's dictionary encoding,
# which suits every other output column (roles, steps, groups, fits to 3 decimals), only
# costs there before falling back to plain. Without it, 100,000 result rows are written
# in 0.036 s instead of 0.045 s of CPU, and take 2.19 MB instead of 2.58 MB.
PER_ROW_COLUMNS = ("index", "id")


class CohortIOError(ValueError):
    """A file that cannot be read or written as a cohort; the message names it."""


def file_format(path: str | os.PathLike, option: str | None = None) -> str:
    """``csv``, ``jsonl`` or ``parquet``, from ``option`` or the file name's extension."""
    if option:
        return option
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] in COMPRESSION:
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in FORMATS:
        return FORMATS[suffixes[-1]]
    known = ", ".join(sorted(FORMATS))
    raise CohortIOError(f"{path}: cannot tell the format from the extension; use one of {known} (or --format)")


# ---------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------


@dataclass
class Chunk:
    """Rows of the input, in order; the batch pipeline numbers them as it writes."""

    frame: pd.DataFrame | None = None  # a wide table chunk
    records: list | None = None  # API-shaped profiles (JSON Lines)
    bad: dict = field(default_factory=dict)  # row -> message, for rows that could not even be read
    raw: bytes | None = None  # CSV lines not parsed yet: parsing is left to the worker threads
    csv: CsvFormat | None = None
    line: int = 0  # the file's line number of the chunk's first line (CSV), for messages

    def load(self) -> Chunk:
        """Parse raw CSV lines into :attr:`frame` (in a worker thread, where it runs in parallel)."""
        if self.raw is not None:
            self.frame, bad = self.csv.rows(self.raw, self.line, self.bad)
            self.bad, self.raw = bad, None
        return self

    def __len__(self) -> int:
        return len(self.frame) if self.frame is not None else len(self.records)


class CsvFormat:
    """How to parse blocks of one CSV file's lines, each on its own.

    Each block's column types are inferred on their own (a column of digits comes as
    integers, one with level words as a small dictionary), which is fastest, and safe
    because :func:`~recommender.cohort.frame_to_batch` takes any types. Ids and groups
    are always text ("007" stays "007"); only empty cells are missing ("NA" is text,
    and an error in a level column, whatever else the block holds); no column is
    read as booleans.
    """

    def __init__(self, names: list[str], delimiter: str = ",", source: str = "the CSV"):
        self.names = names
        self.source = source
        self.parse_options = pa_csv.ParseOptions(delimiter=delimiter)
        self.read_options = pa_csv.ReadOptions(column_names=names, use_threads=False)
        text = {name: pa.string() for name in names if reserved_key(name) in ("id", "group")}
        self.convert_options = pa_csv.ConvertOptions(
            column_types=text,
            null_values=[""],
            strings_can_be_null=True,
            true_values=[],
            false_values=[],
            auto_dict_encode=True,
        )

    def parse(self, data: bytes, invalid_row_handler=None) -> pa.Table:
        """All of ``data``'s rows; raises :class:`CohortIOError` at the first malformed one (an upload)."""
        try:
            return self._read(data, invalid_row_handler, self.read_options)
        except pa.ArrowInvalid as exc:
            if "straddl" not in str(exc):  # a row with the wrong number of fields, bad quoting
                raise CohortIOError(f"{self.source}: not valid CSV: {exc}") from None
        # A row longer than pyarrow's block (1 MiB): one block for the whole buffer. Only
        # then: a block that large makes parsing a third slower.
        options = pa_csv.ReadOptions(column_names=self.names, use_threads=False, block_size=len(data) + 1)
        try:
            return self._read(data, invalid_row_handler, options)
        except pa.ArrowInvalid as exc:
            raise CohortIOError(f"{self.source}: not valid CSV: {exc}") from None

    def _read(self, data: bytes, invalid_row_handler, read_options) -> pa.Table:
        parse_options = pa_csv.ParseOptions(
            delimiter=self.parse_options.delimiter, invalid_row_handler=invalid_row_handler
        )
        return pa_csv.read_csv(
            pa.BufferReader(data),
            read_options=read_options,
            parse_options=parse_options,
            convert_options=self.convert_options,
        )

    def rows(self, data: bytes, first_line: int, bad: dict | None = None) -> tuple[pd.DataFrame, dict[int, str]]:
        """Every row of ``data`` (lines from ``first_line`` on), and ``{row: message}`` for those unreadable.

        A row with the wrong number of fields, or not UTF-8, is kept as an empty row
        with its message, so rows keep their numbers and no row is lost. ``bad``: rows
        already known to be unreadable (a line too long to read), for an empty ``data``.
        """
        invalid: list = []

        def skip(row) -> str:
            invalid.append(row)
            return "skip"

        if not data.strip():  # a chunk of one line too long to read
            return self._with_bad_rows(self.empty(), data, first_line, [], {}, bad or {})
        try:
            table = self.parse(data, skip)
            unreadable: dict[int, str] = {}
        except CohortIOError:  # not UTF-8 somewhere: blank those lines and parse the rest
            blanked, unreadable = _blank_lines_not_utf8(data)
            invalid.clear()
            table = self.parse(blanked, skip) if unreadable else self.parse(data)
        frame = table.to_pandas()
        if not (invalid or unreadable or bad):
            return frame, {}
        return self._with_bad_rows(frame, data, first_line, invalid, unreadable, bad or {})

    def _with_bad_rows(self, frame, data, first_line, invalid, unreadable, bad):
        lines = data.split(b"\n")
        # Rows as pyarrow numbers them (blank lines are no rows), and as the file does (unreadable lines are rows).
        seen = [i for i, text in enumerate(lines) if text.strip(b"\r") and i not in unreadable]
        rows = sorted([*seen, *unreadable])
        messages = {i: f"line {first_line + i}: {message}" for i, message in unreadable.items()}
        for row in invalid:
            line = seen[row.number - 1]
            found = f"{row.actual_columns} fields where the header has {row.expected_columns}"
            messages[line] = f"line {first_line + line}: {found}"
        position = {line: r for r, line in enumerate(rows)}
        out = {position[line]: message for line, message in messages.items()}
        out.update(bad)
        total = len(rows) + len(bad)
        good = [r for r in range(total) if r not in out]
        frame.index = good
        frame = frame.reindex(range(total))
        frame.columns = self.names
        id_column = next((i for i, name in enumerate(self.names) if reserved_key(name) == "id"), None)
        if id_column is not None:
            for line in messages:
                frame.iat[position[line], id_column] = _field(lines[line], id_column, self.parse_options.delimiter)
        return frame, out

    def empty(self) -> pd.DataFrame:
        table = pa.Table.from_arrays([pa.array([], pa.null())] * len(self.names), names=list(self.names))
        return table.to_pandas()


def _field(line: bytes, column: int | None, delimiter: str) -> str | None:
    """Field ``column`` of a line that could not be parsed as a row (its id, for the errors file)."""
    if column is None:
        return None
    try:
        fields = next(csv.reader([line.decode("utf-8", errors="replace").rstrip("\r")], delimiter=delimiter), [])
    except csv.Error:
        return None
    return fields[column] if column < len(fields) else None


def _blank_lines_not_utf8(data: bytes) -> tuple[bytes, dict[int, str]]:
    """``data`` with lines that are not UTF-8 emptied, and ``{line offset: message}`` for them."""
    lines = data.split(b"\n")
    bad = {}
    for i, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad[i] = f"not UTF-8 text (byte {exc.start + 1})"
            lines[i] = b""
    return b"\n".join(lines), bad


def read_header(stream, delimiter: str, source: str, sample: int = 1 << 20) -> tuple[list[str], bytes]:
    """The header's column names, and the bytes read after it."""
    data = stream.read(sample)
    while b"\n" not in data:
        more = stream.read(sample)
        if not more:
            break
        data += more
    if not data.strip():
        raise CohortIOError(f"{source}: the file is empty; it needs at least a header row")
    line, _, rest = data.partition(b"\n")
    try:
        names = next(csv.reader([line.decode("utf-8-sig").rstrip("\r")], delimiter=delimiter))
    except UnicodeDecodeError:
        raise CohortIOError(f"{source}: not UTF-8 text") from None
    except csv.Error as exc:  # a stray carriage return or NUL in the header (found by fuzzing: a 500)
        raise CohortIOError(f"{source}: the header row is not valid CSV ({exc})") from None
    return names, rest


class Source:
    """A cohort file opened for reading in chunks of about ``chunk_rows`` rows.

    Opening reads only the header. The columns are resolved against an engine's
    catalog, at once (``engine``) or later (:meth:`resolve`): a command line can check
    its input before spending seconds on loading the engine.
    """

    def __init__(self, path, engine=None, chunk_rows: int = DEFAULT_CHUNK_ROWS, fmt: str | None = None):
        self.path = Path(path)
        self.chunk_rows = chunk_rows
        self.format = file_format(path, fmt)
        if not self.path.is_file():
            raise CohortIOError(f"{path}: no such file")
        self.names: list[str] | None = None  # a wide table's header
        self.columns = None  # ... resolved by resolve()
        self.total_rows: int | None = None  # known up front for Parquet only
        self.size = self.path.stat().st_size
        self._stream = None
        self._position = 0
        if self.format == "csv":
            self._open_csv()
        elif self.format == "parquet":
            self._open_parquet()
        if engine is not None:
            self.resolve(engine)

    def resolve(self, engine) -> Source:
        """Work out the columns against the engine's catalog (raises ``CohortFileError``)."""
        if self.names is not None:
            self.columns = resolve_columns(engine, self.names)
        return self

    @property
    def position(self) -> int:
        """Bytes read so far (for a progress bar over the file size)."""
        if self._stream is not None and not self._stream.closed:
            self._position = self._stream.tell()
        return self._position

    def _open_csv(self):
        delimiter = "\t" if ".tsv" in [s.lower() for s in self.path.suffixes] else ","
        with pa.input_stream(str(self.path), compression="detect") as stream:
            self.names, sample = read_header(stream, delimiter, str(self.path))
        self._csv = CsvFormat(self.names, delimiter, str(self.path))
        # Blocks of about chunk_rows lines, from the length of the first lines.
        lines = sample[: 1 << 20].count(b"\n")
        per_line = len(sample[: 1 << 20]) / lines if lines else 200
        self._block_bytes = min(MAX_BLOCK_BYTES, max(1 << 12, int(self.chunk_rows * per_line)))

    def _open_parquet(self):
        try:
            self._parquet = pq.ParquetFile(self.path)
        except (pa.ArrowInvalid, OSError) as exc:
            raise CohortIOError(f"{self.path}: not a readable Parquet file ({exc})") from None
        self.names = self._parquet.schema_arrow.names
        self.total_rows = self._parquet.metadata.num_rows

    def empty_chunk(self) -> Chunk:
        """A chunk of no rows, for the output columns of an input without any."""
        if self.names is None:
            return Chunk(records=[])
        return Chunk(frame=CsvFormat(self.names).empty())

    def __iter__(self) -> Iterator[Chunk]:
        if self.format == "csv":
            return self._csv_chunks()
        if self.format == "parquet":
            return self._parquet_chunks()
        return self._jsonl_chunks()

    def _csv_chunks(self) -> Iterator[Chunk]:
        """Blocks of whole lines; only splitting at newlines happens here, parsing in the workers.

        Like pyarrow's own reader (``newlines_in_values=False``), a value may not hold a
        line break, so every newline ends a row and blocks can be parsed independently.
        A line longer than :data:`MAX_LINE_BYTES` becomes a chunk of one row error and
        is skipped, never held whole.
        """
        size = self._block_bytes
        line = 2  # the header is line 1
        with pa.input_stream(str(self.path), compression="detect") as stream:
            self._stream = stream
            _, buffer = read_header(stream, self._csv.parse_options.delimiter, str(self.path))
            while True:
                while len(buffer) >= size:
                    cut = buffer.rfind(b"\n", 0, size) + 1 or buffer.find(b"\n", size) + 1
                    if not cut:  # one line longer than a block: read on
                        break
                    yield Chunk(raw=buffer[:cut], csv=self._csv, line=line)
                    line += buffer.count(b"\n", 0, cut)
                    buffer = buffer[cut:]
                if len(buffer) > MAX_LINE_BYTES and b"\n" not in buffer:
                    too_long = f"line {line}: longer than {MAX_LINE_BYTES:,} bytes"
                    yield Chunk(raw=b"", csv=self._csv, line=line, bad={0: too_long})
                    buffer, line = _skip_line(stream, size), line + 1
                    continue
                more = stream.read(size)
                if not more:
                    break
                buffer += more
            self._position = self.size
        if buffer.strip():
            yield Chunk(raw=buffer, csv=self._csv, line=line)

    def _parquet_chunks(self) -> Iterator[Chunk]:
        for batch in self._parquet.iter_batches(batch_size=self.chunk_rows):
            yield Chunk(frame=batch.to_pandas())

    def _jsonl_chunks(self) -> Iterator[Chunk]:
        """API-shaped profiles, one JSON object per line; a line that cannot be read is a row error."""
        records: list = []
        bad: dict[int, str] = {}
        with pa.input_stream(str(self.path), compression="detect") as stream:
            self._stream = stream
            for number, line in _lines(stream):
                if line is not None and not line.strip():
                    continue  # blank lines (a trailing newline) are not rows
                record, problem = _json_record(line)
                if problem:
                    bad[len(records)] = f"line {number}: {problem}"
                records.append(record)
                if len(records) == self.chunk_rows:
                    yield Chunk(records=records, bad=bad)
                    records, bad = [], {}
            self._position = self.size
        if records:
            yield Chunk(records=records, bad=bad)


# A JSON string escape of a UTF-16 surrogate: a lone one is no text (and cannot be written as UTF-8).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _json_record(line: str | None) -> tuple[object, str | None]:
    """One JSON Lines profile, or ``(None, why not)``."""
    if line is None:
        return None, f"longer than {MAX_LINE_BYTES:,} bytes"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON: {exc.msg} at column {exc.colno}"
    except ValueError as exc:  # an integer of more than 4,300 digits
        return None, f"not valid JSON: {str(exc).split(';')[0]}"
    except RecursionError:
        return None, "not valid JSON: nested too deeply"
    if _SURROGATE_ESCAPE.search(line):
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return None, "a lone UTF-16 surrogate (\\ud800-\\udfff) is not text"
    return record, None


def read_csv_bytes(data: bytes, engine):
    """A whole CSV upload: ``(resolved columns, DataFrame)``; raises :class:`CohortIOError` or ``CohortFileError``."""
    stream = pa.BufferReader(data)
    names, _ = read_header(stream, ",", "the CSV")
    if len(names) > MAX_UPLOAD_COLUMNS:
        raise CohortFileError(f"it has {len(names):,} columns; at most {MAX_UPLOAD_COLUMNS} are taken")
    columns = resolve_columns(engine, names)
    body = data[data.index(b"\n") + 1 :] if b"\n" in data else b""
    csv_format = CsvFormat(names)
    return columns, csv_format.parse(body).to_pandas() if body.strip() else csv_format.empty()


def _lines(stream, size: int = 1 << 20) -> Iterator[tuple[int, str | None]]:
    """``(line number, text)``; text is None for a line longer than :data:`MAX_LINE_BYTES`, which is skipped."""
    rest = b""
    number = 0
    while True:
        block = stream.read(size)
        if not block:
            break
        *lines, rest = (rest + block).split(b"\n")
        for line in lines:
            number += 1
            yield number, line.decode("utf-8-sig", errors="replace")
        if len(rest) > MAX_LINE_BYTES:
            number += 1
            yield number, None
            rest = _skip_line(stream, size)
    if rest:
        yield number + 1, rest.decode("utf-8-sig", errors="replace")


def _skip_line(stream, size: int) -> bytes:
    """Read past the end of the current line; what follows it."""
    while True:
        block = stream.read(size)
        end = block.find(b"\n")
        if end >= 0 or not block:
            return block[end + 1 :] if end >= 0 else b""


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _umask() -> int:
    # Reading the umask means setting it; done once, before any worker thread writes files.
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK


_UMASK: int | None = None


class AtomicFile:
    """A temporary file beside ``path`` that becomes ``path`` on :meth:`commit` and vanishes otherwise."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        if self.path.is_dir():
            raise CohortIOError(f"{self.path}: is a directory (from a Spark run?); name a file or remove it")
        directory = self.path.parent
        if not directory.is_dir():
            raise CohortIOError(f"{self.path}: the directory {directory} does not exist")
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=directory)
        os.close(fd)
        self.tmp = Path(name)
        # mkstemp makes the file private (0600); the output should get the usual permissions.
        os.chmod(self.tmp, 0o666 & ~_umask())

    def commit(self) -> None:
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind, error, trace) -> None:
        """Commit if the block succeeded; otherwise remove the temporary file (a full disk leaves no ``.part``)."""
        if kind is None:
            self.commit()
        else:
            self.discard()


class TableWriter:
    """Appends tables of one schema to a CSV, JSON Lines or Parquet temporary file."""

    def __init__(self, path, fmt: str):
        self.file = AtomicFile(path)
        self.format = fmt
        self.schema: pa.Schema | None = None
        self._writer = None
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        table = table.replace_schema_metadata(None)
        if self.format == "csv":
            table = neutralise_formulas(table)
        if self.schema is None:
            self.schema = table.schema
            self._open()
        if table.schema != self.schema:
            table = table.cast(self.schema)
        self.rows += table.num_rows
        if self.format == "jsonl":
            if table.num_rows:
                text = table.to_pandas().to_json(orient="records", lines=True, force_ascii=False)
                self._writer.write(text if text.endswith("\n") else text + "\n")
        else:
            self._writer.write_table(table) if self.format == "parquet" else self._writer.write(table)

    def _open(self):
        target = str(self.file.tmp)
        if self.format == "parquet":
            coded = [name for name in self.schema.names if name not in PER_ROW_COLUMNS]
            self._writer = pq.ParquetWriter(target, self.schema, compression="zstd", use_dictionary=coded)
        elif self.format == "csv":
            options = pa_csv.WriteOptions(quoting_style="needed")
            self._writer = pa_csv.CSVWriter(target, self.schema, write_options=options)
        else:
            self._writer = open(target, "w", encoding="utf-8")  # noqa: SIM115 - closed in close()

    def close(self, empty: pa.Schema | None = None) -> None:
        """Finish the file; ``empty`` gives the schema of a file no table was written to."""
        if self._writer is None:
            self.schema = empty
            if empty is not None:
                self._open()
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def commit(self) -> None:
        self.close()
        self.file.commit()

    def discard(self) -> None:
        """Remove the temporary file, whatever closing it does (on a full disk, closing fails too)."""
        try:
            self.close()
        except OSError:
            self._writer = None
        finally:
            self.file.discard()


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_START = r"^[=+\-@\t\r]"


def neutralise_formulas(table: pa.Table) -> pa.Table:
    """Text cells that a spreadsheet would run as a formula, with a ``'`` in front (the OWASP rule).

    Only text columns (read as dictionaries too, which come out as plain text): numbers
    (fit, hours) are written as numbers, a negative one included.
    """
    # Imported on the first write, not on the one-threaded start-up (0.022 s of CPU): by then
    # the workers' pandas has usually imported it.
    import pyarrow.compute as pc

    for i, column in enumerate(table.schema):
        kind = column.type.value_type if pa.types.is_dictionary(column.type) else column.type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            continue
        text = table.column(i).cast(kind)
        risky = pc.fill_null(pc.match_substring_regex(text, FORMULA_START), False)
        quote = pa.scalar("'", kind)
        safe = pc.if_else(risky, pc.binary_join_element_wise(quote, text, pa.scalar("", kind)), text)
        table = table.set_column(i, column.with_type(kind), safe)
    return table


def errors_path_for(output: str | os.PathLike) -> Path:
    """``out.parquet`` -> ``out.errors.csv``, beside the output; ``c.v1.csv`` -> ``c.v1.errors.csv``.

    Only the format's extension (and a compression one) is dropped, so two outputs
    that differ before it never share an errors file.
    """
    path = Path(output)
    name = path.name
    for _ in range(2):
        suffix = Path(name).suffix.lower()
        if suffix in FORMATS or suffix in COMPRESSION:
            name = name[: -len(suffix)]
    return path.with_name(f"{name or path.name}.errors.csv")


def check_outputs(
    inputs: dict[str, str | os.PathLike | None], outputs: dict[str, str | os.PathLike | None], *, directories=()
) -> None:
    """Refuse, before any work, outputs that could not be written or would overwrite another file of the run.

    ``inputs`` and ``outputs`` map option names (``--out``) to paths (None: not
    asked for). ``directories``: the options that may name a directory (Spark's part
    files). Each output's directory must exist and be writable; an output may not be
    a symbolic link (the link would be replaced by a file), nor the same file as
    another output or an input.
    """
    seen: dict[Path, str] = {Path(path).resolve(): option for option, path in inputs.items() if path is not None}
    for option, path in outputs.items():
        if path is None or "://" in str(path):  # a remote path (Spark): its filesystem decides
            continue
        path = Path(path)
        if path.is_symlink():
            raise CohortIOError(
                f"{option} {path}: is a symbolic link, which would be replaced by a file; name its target"
            )
        if path.is_dir() and option not in directories:
            raise CohortIOError(f"{option} {path}: is a directory (from a Spark run?); name a file or remove it")
        if not path.parent.is_dir():
            raise CohortIOError(f"{option} {path}: the directory {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise CohortIOError(f"{option} {path}: the directory {path.parent} is not writable")
        key = path.resolve()
        if key in seen:
            raise CohortIOError(f"{option} {path}: is also {seen[key]}; each file of a run needs its own name")
        seen[key] = option


__all__ = [
    "AtomicFile",
    "Chunk",
    "CohortFileError",
    "CohortIOError",
    "Source",
    "TableWriter",
    "check_outputs",
    "errors_path_for",
    "file_format",
]
