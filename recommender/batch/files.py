"""Cohort files: reading CSV, JSON Lines and Parquet in chunks, writing them atomically.

Readers yield raw chunks (a pandas DataFrame of a wide table, or a list of API-shaped
records) with the input row number of their first row; parsing and scoring happen
elsewhere (:mod:`recommender.batch.pipeline`), so reading the next chunk overlaps with scoring.

Writers write to a hidden temporary file in the output's directory and
:func:`os.replace` it over the output only when everything succeeded, so a failed or
interrupted run never leaves a half-written file under the output's name.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from recommender.cohort import CohortFileError, reserved_key, resolve_columns

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
# Columns of an uploaded CSV (the shipped catalog needs 63 at most). Each column name
# that is not exactly a skill or module is fuzzy-matched for suggestions, a few ms
# each: a 100,000-column header took minutes. Files on disk (careerpath batch) are
# the operator's own and are not capped.
MAX_UPLOAD_COLUMNS = 256


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
    bad_json: dict | None = None  # row in ``records`` -> message, for lines that are not JSON
    raw: bytes | None = None  # CSV lines not parsed yet: parsing is left to the worker threads
    csv: CsvFormat | None = None

    def load(self) -> Chunk:
        """Parse raw CSV lines into :attr:`frame` (in a worker thread, where it runs in parallel)."""
        if self.raw is not None:
            self.frame, self.raw = self.csv.parse(self.raw).to_pandas(), None
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

    def parse(self, data: bytes) -> pa.Table:
        try:
            table = pa_csv.read_csv(
                pa.BufferReader(data),
                read_options=self.read_options,
                parse_options=self.parse_options,
                convert_options=self.convert_options,
            )
        except pa.ArrowInvalid as exc:  # a row with the wrong number of fields, bad quoting
            raise CohortIOError(f"{self.source}: not valid CSV: {exc}") from None
        return table


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
        self._block_bytes = max(1 << 12, int(self.chunk_rows * per_line))

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
            return Chunk(records=[], bad_json={})
        frame = pd.DataFrame({i: pd.Series([], dtype=object) for i in range(len(self.names))})
        frame.columns = list(self.names)
        return Chunk(frame=frame)

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
        """
        size = self._block_bytes
        with pa.input_stream(str(self.path), compression="detect") as stream:
            self._stream = stream
            _, buffer = read_header(stream, self._csv.parse_options.delimiter, str(self.path))
            while True:
                while len(buffer) >= size:
                    cut = buffer.rfind(b"\n", 0, size) + 1 or buffer.find(b"\n", size) + 1
                    if not cut:  # one line longer than a block: read on
                        break
                    yield Chunk(raw=buffer[:cut], csv=self._csv)
                    buffer = buffer[cut:]
                more = stream.read(size)
                if not more:
                    break
                buffer += more
            self._position = self.size
        if buffer.strip():
            yield Chunk(raw=buffer, csv=self._csv)

    def _parquet_chunks(self) -> Iterator[Chunk]:
        for batch in self._parquet.iter_batches(batch_size=self.chunk_rows):
            yield Chunk(frame=batch.to_pandas())

    def _jsonl_chunks(self) -> Iterator[Chunk]:
        """API-shaped profiles, one JSON object per line; a line that is not JSON is a row error."""
        records: list = []
        bad: dict[int, str] = {}
        with pa.input_stream(str(self.path), compression="detect") as stream:
            self._stream = stream
            text = _lines(stream)
            for line in text:
                if not line.strip():
                    continue  # blank lines (a trailing newline) are not rows
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    bad[len(records)] = f"not valid JSON: {exc.msg} at column {exc.colno}"
                    records.append(None)
                if len(records) == self.chunk_rows:
                    yield Chunk(records=records, bad_json=bad)
                    records, bad = [], {}
            self._position = self.size
        if records:
            yield Chunk(records=records, bad_json=bad)


def read_csv_bytes(data: bytes, engine):
    """A whole CSV upload: ``(resolved columns, DataFrame)``; raises :class:`CohortIOError` or ``CohortFileError``."""
    stream = pa.BufferReader(data)
    names, _ = read_header(stream, ",", "the CSV")
    if len(names) > MAX_UPLOAD_COLUMNS:
        raise CohortFileError(f"it has {len(names):,} columns; at most {MAX_UPLOAD_COLUMNS} are taken")
    columns = resolve_columns(engine, names)
    body = data[data.index(b"\n") + 1 :] if b"\n" in data else b""
    frame = CsvFormat(names).parse(body).to_pandas() if body.strip() else None
    if frame is None:
        frame = pd.DataFrame({i: pd.Series([], dtype=object) for i in range(len(names))})
        frame.columns = names
    return columns, frame


def _lines(stream, size: int = 1 << 20) -> Iterator[str]:
    rest = b""
    while True:
        block = stream.read(size)
        if not block:
            break
        *lines, rest = (rest + block).split(b"\n")
        for line in lines:
            yield line.decode("utf-8-sig", errors="replace")
    if rest:
        yield rest.decode("utf-8-sig", errors="replace")


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
            self._writer = pq.ParquetWriter(target, self.schema, compression="zstd")
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
        try:
            self.close()
        finally:
            self.file.discard()


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV injection").
FORMULA_START = r"^[=+\-@\t\r]"


def neutralise_formulas(table: pa.Table) -> pa.Table:
    """Text cells that a spreadsheet would run as a formula, with a ``'`` in front (the OWASP rule).

    Only text columns (read as dictionaries too, which come out as plain text): numbers
    (fit, hours) are written as numbers, a negative one included.
    """
    for i, field in enumerate(table.schema):
        kind = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            continue
        text = table.column(i).cast(kind)
        risky = pc.fill_null(pc.match_substring_regex(text, FORMULA_START), False)
        quote = pa.scalar("'", kind)
        safe = pc.if_else(risky, pc.binary_join_element_wise(quote, text, pa.scalar("", kind)), text)
        table = table.set_column(i, field.with_type(kind), safe)
    return table


def errors_path_for(output: str | os.PathLike) -> Path:
    """``out.parquet`` -> ``out.errors.csv``, beside the output."""
    path = Path(output)
    name = path.name
    for suffix in reversed(path.suffixes):
        name = name.removesuffix(suffix)
    return path.with_name(f"{name or path.name}.errors.csv")


def to_arrow(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, preserve_index=False)


__all__ = [
    "AtomicFile",
    "Chunk",
    "CohortFileError",
    "CohortIOError",
    "Source",
    "TableWriter",
    "errors_path_for",
    "file_format",
    "to_arrow",
]
