#!/usr/bin/env python3
"""Adds or replaces texts in a text set's resource files, Swedish (SET.resx) and English (SET.en.resx) side by side.

  python3 scripts/texts.py SmeTexts Key "svensk text" "English text" [Key2 sv2 en2 ...]

The files are standard .resx: edit them in any resx editor as well. Placeholders are {0}, {1}, … (string.Format).
"""
import sys, os
import xml.etree.ElementTree as ET

FOLDER = os.path.join(os.path.dirname(__file__), "..", "src", "ExportReadiness.Application", "Resources")
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
"""

def put(path, entries):
    if not os.path.exists(path):
        open(path, "w", encoding="utf-8").write(HEADER)
    tree = ET.parse(path)
    root = tree.getroot()
    existing = {d.get("name"): d for d in root.findall("data")}
    for key, text in entries:
        d = existing.get(key)
        if d is None:
            d = ET.SubElement(root, "data", {"name": key, "xml:space": "preserve"})
            ET.SubElement(d, "value")
        d.find("value").text = text
    ET.indent(tree, "  ")
    tree.write(path, encoding="utf-8", xml_declaration=True)

def main(args):
    if len(args) < 4 or (len(args) - 1) % 3:
        sys.exit(__doc__)
    name, rest = args[0], args[1:]
    triples = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    put(os.path.join(FOLDER, f"{name}.resx"), [(k, sv) for k, sv, _ in triples])
    put(os.path.join(FOLDER, f"{name}.en.resx"), [(k, en) for k, _, en in triples])

if __name__ == "__main__":
    main(sys.argv[1:])
