#!/usr/bin/env python3
"""Independent reference values for test_core_utils.c (crc.h, hash_func.h, tags.h).

Written from the algorithm descriptions (not from any C code): CRC-32 via zlib,
CRC-16/X-25 bit by bit, OpenSIPS 1.11's core_hash as documented in include/hash_func.h
(big-endian 4-byte words of sign-extended chars, h += v ^ (v >> 3), final mix).
Run it to print the constants the C test embeds."""
import hashlib
import zlib

M = 0xFFFFFFFF


def crc32_register(data: bytes) -> int:
    # crc32_uint keeps the register without the final inversion
    return zlib.crc32(data) ^ M


def crc16_x25(data: bytes) -> int:
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
    return crc ^ 0xFFFF


def reverse_hex(v: int, width: int = 4) -> str:
    digits = "0123456789abcdef"
    out = ""
    if v == 0:
        out = "0"
    while v and len(out) < width:
        out += digits[v & 0xF]
        v >>= 4
    return out.ljust(width, "0")


def sbyte(b: int) -> int:
    return (b - 256 if b >= 128 else b) & M


def feed(h: int, data: bytes, icase: bool) -> int:
    if icase:
        data = bytes(b | 0x20 if 65 <= b <= 90 else b for b in data)
    i = 0
    while len(data) - i >= 4:
        v = ((sbyte(data[i]) << 24) + (sbyte(data[i + 1]) << 16) +
             (sbyte(data[i + 2]) << 8) + sbyte(data[i + 3])) & M
        h = (h + (v ^ (v >> 3))) & M
        i += 4
    v = 0
    for b in data[i:]:
        v = ((v << 8) + sbyte(b)) & M
    return (h + (v ^ (v >> 3))) & M


def core_hash(s1: bytes, s2=None, size=0, icase=False) -> int:
    h = feed(0, s1, icase)
    if s2 is not None:
        h = feed(h, s2, icase)
    h = ((h + (h >> 11)) + ((h >> 13) + (h >> 23))) & M
    return h & (size - 1) if size else h


if __name__ == "__main__":
    print("crc32_uint('123456789') = 0x%08x" % crc32_register(b"123456789"))
    print("crc32_uint('') = 0x%08x" % crc32_register(b""))
    print("crcitt_string('123456789') = 0x%04x" % crc16_x25(b"123456789"))
    print("crcitt_string('z9hG4bK776asdhds') = 0x%04x" % crc16_x25(b"z9hG4bK776asdhds"))
    joined = b"10.0.0.1" + b"5060" + b"z9hG4bK776asdhds"
    print("crcitt_string_array(via) = '%s'" % reverse_hex(crc16_x25(joined)))
    print("crcitt_string_array('a') = '%s' (crc 0x%04x)" % (reverse_hex(crc16_x25(b"a")), crc16_x25(b"a")))
    cid = b"a84b4c76e66710@pc33.atlanta.com"
    print("core_hash(callid) = 0x%08x" % core_hash(cid))
    print("core_hash(callid, '314159', 4096) = %d" % core_hash(cid, b"314159", 4096))
    print("core_hash('abc') = 0x%08x" % core_hash(b"abc"))
    print("core_hash('') = 0x%08x" % core_hash(b""))
    print("core_hash(b'\\xc3\\xa9t\\xc3\\xa9!') = 0x%08x" % core_hash(b"\xc3\xa9t\xc3\xa9!"))
    print("core_case_hash('Alice@Atlanta.COM') = 0x%08x" % core_hash(b"Alice@Atlanta.COM", icase=True))
    print("core_hash('alice@atlanta.com') = 0x%08x" % core_hash(b"alice@atlanta.com"))
    print("core_case_hash('sip:BOB', 'Biloxi', 256) = %d" % core_hash(b"sip:BOB", b"Biloxi", 256, True))
    print("hash_func(call-id token) %% 1000 = %d" % (crc32_register(cid) % 1000))
    print("hash_func(To URI) %% 7 = %d" % (crc32_register(b"sip:bob@biloxi.com") % 7))
    print("prime_hash_func(+49-30-1234567) %% 10 = %d" % (49301234567 % 51797 % 10 + 1))
    key = (b"Alice <sip:alice@atlanta.example.com>;tag=1928301774" + b"Bob <sip:bob@biloxi.example.com>" +
           b"a84b4c76e66710" + b"sip:bob@biloxi.example.com" + b"314159" + b"pc33.atlanta.example.com" +
           b"" + b"z9hG4bKnashds8")
    print("char_msg_val(INVITE) = %s" % hashlib.md5(key).hexdigest())
    print("md5('OpenSIPS' + '' + '') = %s" % hashlib.md5(b"OpenSIPS").hexdigest())
