#!/usr/bin/env python3
"""Rebuilds tone-mono.mp3 and tone-dual.mp3, the MP3 loop units the simulator repeats to serve recordings.

Needs LAME (Debian: apt-get install lame). Each unit is 1.8 s (50 MPEG-2 Layer III frames of 576 samples at 16 kHz),
a whole number of cycles of 440 Hz (channel 1) and 550 Hz (channel 2), encoded without the bit reservoir and without
a Xing/Info frame so that every frame stands alone and frames can be repeated to any length. Three units are encoded
and the middle one is kept, so the encoder's start-up delay is not part of the loop.
"""
import math, os, struct, subprocess, tempfile

RATE, UNIT_SECONDS = 16000, 1.8
BITRATES = {1: 8, 2: 16, 3: 24, 4: 32, 5: 40, 6: 48, 7: 56, 8: 64, 9: 80, 10: 96, 11: 112, 12: 128, 13: 144, 14: 160}
SAMPLE_RATES = {0: 22050, 1: 24000, 2: 16000}


def pcm(channels, seconds):
    out = bytearray()
    for i in range(int(RATE * seconds)):
        t = i / RATE
        out += struct.pack('<h', int(0.3 * 32767 * math.sin(2 * math.pi * 440 * t)))
        if channels == 2:
            out += struct.pack('<h', int(0.3 * 32767 * math.sin(2 * math.pi * 550 * t)))
    return bytes(out)


def frames(data):
    i = 0
    while i + 4 <= len(data):
        header = int.from_bytes(data[i:i + 4], 'big')
        assert (header >> 21) & 0x7FF == 0x7FF and (header >> 19) & 3 == 2 and (header >> 17) & 3 == 1
        size = 72 * BITRATES[(header >> 12) & 15] * 1000 // SAMPLE_RATES[(header >> 10) & 3] + ((header >> 9) & 1)
        yield data[i:i + size]
        i += size


def build(channels, mode, kbps, target):
    with tempfile.TemporaryDirectory() as work:
        raw, mp3 = os.path.join(work, 'tone.raw'), os.path.join(work, 'tone.mp3')
        with open(raw, 'wb') as f:
            f.write(pcm(channels, UNIT_SECONDS * 3))
        subprocess.run(['lame', '--quiet', '-r', '-s', '16', '--bitwidth', '16', '--signed', '--little-endian',
                        '-m', mode, '--nores', '-b', str(kbps), '-t', '--noreplaygain', raw, mp3], check=True)
        with open(mp3, 'rb') as f:
            all_frames = list(frames(f.read()))
    with open(target, 'wb') as f:
        f.write(b''.join(all_frames[50:100]))


here = os.path.dirname(os.path.abspath(__file__))
build(1, 'm', 24, os.path.join(here, 'tone-mono.mp3'))
build(2, 's', 32, os.path.join(here, 'tone-dual.mp3'))
