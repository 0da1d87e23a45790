from borderwatch.ingest.decode import decode_bytes


def test_utf8_plain():
    d = decode_bytes("Tajik border guards in Khorugh said “calm”.".encode())
    assert d.text == "Tajik border guards in Khorugh said “calm”."
    assert d.encoding == "utf-8" and d.repairs == []


def test_mojibake_repaired_and_recorded():
    d = decode_bytes("Tajikistanâ€™s border".encode())
    assert d.text == "Tajikistan’s border"
    assert d.repairs[0]["repair"] == "mojibake"


def test_cp1252_detected():
    d = decode_bytes("The café in Khujand — open again, said Ms Müller.".encode("cp1252"))
    assert d.text is not None and "café" in d.text and "—" in d.text


def test_few_invalid_bytes_inside_utf8_kept_as_utf8():
    raw = ("Rahmon’s “speech” in Dushanbe. " * 50).encode() + b"\xff" + b" More text."
    d = decode_bytes(raw)
    assert d.encoding == "utf-8" and "Rahmon’s" in d.text
    assert d.repairs[0] == {"repair": "invalid_utf8_bytes", "count": 1}


def test_empty_and_whitespace():
    assert decode_bytes(b"").reason == "empty"
    assert decode_bytes(b" \n\t \n").reason == "empty"


def test_binary_by_signature_and_nul():
    assert decode_bytes(b"%PDF-1.7 stuff").reason == "binary"
    assert decode_bytes(b"\x89PNG\r\n\x1a\n....").reason == "binary"
    assert decode_bytes(b"abc\x00def\x00").reason == "binary"


def test_control_garbage_is_binary():
    assert decode_bytes(bytes(range(1, 32)) * 200).reason == "binary"
