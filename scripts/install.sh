#!/usr/bin/env sh
# Install eventx, its built-in plugins, the bundled English model pack and the dev tools
# into the active Python environment (make and activate a venv first).
#
# torch comes first and on purpose: without it, `pip install stanza` pulls a CUDA build
# of several GB.  On a machine without an NVIDIA GPU we take the CPU wheel from the
# PyTorch CPU index when it is reachable; otherwise pip's configured sources decide.
set -eu
TORCH="torch==2.13.0"
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  python -m pip install "$TORCH"
elif python -c "import socket; socket.getaddrinfo('download.pytorch.org', 443)" >/dev/null 2>&1; then
  python -m pip install "$TORCH" --index-url https://download.pytorch.org/whl/cpu
else
  python -m pip install "$TORCH"
fi
python -m pip install -e ".[dev]" ./models/eventx-model-en
