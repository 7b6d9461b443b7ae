"""Hostile inputs built in the tests: zip bombs dressed as Word files, broken PDFs.

``zip_bomb`` writes a real zip by hand: each member's data is a raw deflate stream with the
member's true CRC-32, so a reader that trusted it would really inflate ``size`` bytes. The
stream is one full-flushed block of 1 MiB of zeros (1,037 bytes, independent of what came
before) repeated, then a final empty block: 2 GiB costs 2 MB and no compression time.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

MIB = 1 << 20
_ZEROS = b"\0" * MIB


def _zeros_block() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(_ZEROS) + compressor.flush(zlib.Z_FULL_FLUSH)


def _zeros_crc(mib: int) -> int:
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(_ZEROS, crc)
    return crc


def deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


Member = tuple[str, bytes, int, int]  # name, raw deflate data, crc32, uncompressed size


def write_zip(members: list[Member]) -> bytes:
    """A zip file (no zip64: sizes below 4 GiB) of already-deflated members."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, crc, size in members:
        offset = out.tell()
        encoded = name.encode()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        out.write(header + encoded + data)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                len(encoded), 0, 0, 0, 0, 0, offset,
            )
            + encoded
        )  # fmt: skip
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    count = len(members)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


def zeros_member(name: str, mib: int, *, declared: int | None = None) -> Member:
    """``mib`` MiB of zeros, deflated; ``declared`` lies about the size when given."""
    data = _zeros_block() * mib + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    return name, data, _zeros_crc(mib), mib * MIB if declared is None else declared


def docx_bomb(real_docx: bytes, *, mib: int = 2048, declared: int | None = None) -> bytes:
    """A real .docx whose word/document.xml is replaced by ``mib`` MiB of zeros."""
    members: list[Member] = []
    with zipfile.ZipFile(io.BytesIO(real_docx)) as source:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                members.append(zeros_member(info.filename, mib, declared=declared))
                continue
            raw = source.read(info)
            members.append((info.filename, deflated(raw), zlib.crc32(raw), len(raw)))
    return write_zip(members)


def docx_with(real_docx: bytes, parts: dict[str, bytes]) -> bytes:
    """A real .docx with some parts replaced (e.g. broken XML)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(real_docx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, parts.get(info.filename, source.read(info)))
    return out.getvalue()
