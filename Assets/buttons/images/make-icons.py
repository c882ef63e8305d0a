#!/usr/bin/env python3
"""Draws the gallery's calendar icons (32x32 RGBA PNG, shown at 16x16 for sharp high-DPI
rendering). Standard library only; run it here to regenerate calendar-*.png."""
import struct, zlib

def png(path, pixels, size):
    raw = b"".join(b"\x00" + bytes(v for px in row for v in px) for row in pixels)
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

def calendar(color, size=32):
    clear = (0, 0, 0, 0)
    px = [[clear] * size for _ in range(size)]
    def rect(x0, y0, x1, y1):
        for y in range(y0, y1):
            for x in range(x0, x1):
                px[y][x] = color
    rect(3, 6, 29, 9)          # top edge
    rect(3, 9, 29, 12)         # header band
    rect(3, 12, 5, 29); rect(27, 12, 29, 29); rect(3, 27, 29, 29)   # sides, bottom
    rect(9, 2, 12, 9); rect(20, 2, 23, 9)                            # rings
    for row in range(3):                                             # day grid
        for col in range(4):
            x, y = 8 + col * 5, 15 + row * 4
            rect(x, y, x + 3, y + 2)
    for (x, y) in [(3, 6), (28, 6), (3, 28), (28, 28)]:             # softened corners
        px[y][x] = clear
    return px

png("calendar-white.png", calendar((255, 255, 255, 255)), 32)
png("calendar-blue.png", calendar((11, 92, 173, 255)), 32)
