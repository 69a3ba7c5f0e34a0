#!/usr/bin/env python3
"""Regenerate every committed fixture: runs each gen_*.py beside this file.

Needs python3 with numpy. `npm run fixtures` calls this.
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
scripts = sorted(here.glob("gen_*.py"))
for script in scripts:
    print(f"== {script.name}", flush=True)
    subprocess.run([sys.executable, str(script)], check=True, cwd=here)
print(f"ran {len(scripts)} generators")
