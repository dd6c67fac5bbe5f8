#!/usr/bin/env python3
"""Lists an OFD package's text objects in drawing order with their Boundary and TextCode X/Y, for
checking an expected text by hand (tests/fixtures/ofd): where each line starts (an indent is a new
paragraph), what repeats at a page edge (furniture), what a table cell holds.

usage: tools/ofd_objects.py FILE.ofd
"""
import zipfile,sys,re
import xml.etree.ElementTree as ET
z=zipfile.ZipFile(sys.argv[1])
for n in sorted(z.namelist()):
    if 'Content' in n and n.endswith('.xml'):
        print('##',n)
        r=ET.fromstring(z.read(n))
        for e in r.iter():
            if e.tag.endswith('TextObject'):
                codes=[c for c in e if c.tag.endswith('TextCode')]
                for c in codes:
                    print(e.get('Boundary'), 'X',c.get('X'),'Y',c.get('Y'), repr((c.text or '')[:60]))
