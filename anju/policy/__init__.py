"""Policy data: the source documents Anju implements and the policy packs transcribed from them."""

from pathlib import Path

SOURCES_DIR = Path(__file__).resolve().parent / "sources"
