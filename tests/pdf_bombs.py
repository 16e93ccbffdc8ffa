"""PDFs built to exhaust a parser, written as raw bytes (no library, in milliseconds).

* ``many_pages(n)``: a page tree of ``n`` pages (the 12.6 MB file of 100,000 pages that
  held a worker 30 s in issue 12 was this shape);
* ``nested_object_streams(depth)``: the page tree hidden in compressed object streams that
  each extend the next (``/Extends``), so a reader must inflate and resolve ``depth``
  streams before it finds a page (the 1.36 MB file that held a worker 120 s).

Both begin with ``%PDF-`` and end with ``%%EOF``: nothing short of parsing tells them from a
real PDF.
"""

import zlib


def _document(objects: list[bytes], root: int) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def many_pages(n: int) -> bytes:
    """A PDF of ``n`` empty pages under one /Pages node."""
    first_page = 3
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(n))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Count %d/Kids[%s]>>" % (n, kids),
    ]
    objects += [b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 1 1]>>"] * n
    return _document(objects, root=1)


def nested_object_streams(depth: int, pages_per_stream: int = 50) -> bytes:
    """A PDF whose pages live in ``depth`` compressed object streams, each extending the next,
    found through a compressed cross-reference stream."""
    total = depth * pages_per_stream
    pages = list(range(3, 3 + total))  # objects 3 … inside the streams
    streams = list(range(3 + total, 3 + total + depth))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}

    def put(number, body):
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    put(1, b"<</Type/Catalog/Pages 2 0 R>>")
    put(2, b"<</Type/Pages/Count %d/Kids[%s]>>" % (total, b" ".join(b"%d 0 R" % n for n in pages)))
    where = {}
    for level, number in enumerate(streams):
        members = pages[level * pages_per_stream : (level + 1) * pages_per_stream]
        data, index = b"", []
        for position, member in enumerate(members):
            index.append(b"%d %d" % (member, len(data)))
            data += b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 1 1]>> "
            where[member] = (number, position)
        header = b" ".join(index) + b" "
        raw = zlib.compress(header + data, 9)
        extends = b"/Extends %d 0 R" % streams[level + 1] if level + 1 < depth else b""
        put(
            number,
            b"<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d%s>>\nstream\n"
            % (len(members), len(header), len(raw), extends)
            + raw
            + b"\nendstream",
        )
    xref_number = streams[-1] + 1 if streams else 3
    offsets[xref_number] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + b"\xff\xff"]
    for number in range(1, xref_number + 1):
        if number in where:
            stream, position = where[number]
            rows.append(b"\x02" + stream.to_bytes(4, "big") + position.to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    raw = zlib.compress(b"".join(rows), 9)
    out.extend(
        b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root 1 0 R/Filter/FlateDecode/Length %d>>\n"
        % (xref_number, xref_number + 1, len(raw))
        + b"stream\n"
        + raw
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    )
    return bytes(out)
