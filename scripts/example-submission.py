#!/usr/bin/env python3
"""Reads the questionnaire JSON on stdin and prints a complete example submission (middle answers)."""
import json
import sys

schema = json.load(sys.stdin)
sector = sys.argv[1] if len(sys.argv) > 1 else "manufacturing"
answers = {}
for q in schema["questions"]:
    if q.get("appliesTo") and sector not in q["appliesTo"]:
        continue
    if q["type"] == "choice":
        options = sorted(q["options"], key=lambda o: o["points"])
        answers[q["id"]] = options[len(options) // 2]["value"]
    elif q["type"] == "yesNo":
        answers[q["id"]] = True
    else:
        answers[q["id"]] = (q["min"] + q["max"]) / 2

print(json.dumps({
    "schemaVersion": schema["schemaVersion"],
    "programme": "default",
    "company": {"name": "Exempel Trä AB", "sector": sector, "employees": 18, "turnoverSek": 24000000,
                "yearFounded": 2004, "region": "SE-AC", "exportSharePercent": 10},
    "product": {"name": "Limträbalk", "description": "Glulam beams"},
    "answers": answers,
}, ensure_ascii=False, indent=2))
