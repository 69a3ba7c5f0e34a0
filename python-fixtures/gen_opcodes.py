#!/usr/bin/env python3
"""CPython's pickle opcode table (pickletools.opcodes): name, byte, argument, protocol, stack effect.

Writes opcodes/pickletools.json, which test/pickle/opcodes.test.ts compares
with src/pickle/opcodes.ts row by row.
"""
import json
import pathlib
import pickletools

rows = [{"name": op.name, "code": ord(op.code) if len(op.code) == 1 else op.code.encode("latin1")[0],
         "arg": op.arg.name if op.arg is not None else None, "proto": op.proto,
         "stack": " ".join([*(s.name for s in op.stack_before), "->", *(s.name for s in op.stack_after)])} for op in pickletools.opcodes]
folder = pathlib.Path(__file__).resolve().parent / "opcodes"
folder.mkdir(exist_ok=True)
(folder / "pickletools.json").write_text(json.dumps(rows, indent=1) + "\n")
print(f"opcodes/pickletools.json: {len(rows)} opcodes")
