"""Run one of Stanza's trainer modules with a faster ``nn.Bilinear`` on CPU.

    python models/stanza_run.py stanza.models.tagger --mode train ...

The tagger's XPOS and feature classifiers use ``torch.nn.Bilinear``, whose CPU
backward pass (``_trilinear``) took over 60% of each training step on 2 cores.
This runner swaps ``torch.nn.functional.bilinear`` for the same computation
written as one matrix product and a reduction (equal up to float rounding;
about 18x faster forward+backward), then runs the module exactly as
``python -m`` would.  The saved models are ordinary Stanza models.
"""

from __future__ import annotations

import runpy
import sys

import torch
import torch.nn.functional as F


def matmul_bilinear(
    input1: torch.Tensor, input2: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None
) -> torch.Tensor:
    """``F.bilinear``: out[..., o] = sum_ij input1[..., i] * weight[o, i, j] * input2[..., j] + bias[o]."""
    out_dim, in1, in2 = weight.shape
    mixed = (input1.reshape(-1, in1) @ weight.permute(1, 0, 2).reshape(in1, out_dim * in2)).reshape(-1, out_dim, in2)
    out = (mixed * input2.reshape(-1, 1, in2)).sum(-1).reshape(*input1.shape[:-1], out_dim)
    return out if bias is None else out + bias


def main() -> None:
    module = sys.argv[1]
    F.bilinear = matmul_bilinear
    sys.argv = [module, *sys.argv[2:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
