"""python -m schemas README.md: rewrite the README's database section from schemas/contract.toml."""

import sys
from pathlib import Path

import schemas

if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "README.md")
    path.write_text(schemas.readme_with_contract(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{path}: database section written from schemas/contract.toml")
