"""Run one of Stanza's trainer modules with a faster ``nn.Bilinear`` on CPU.

    python models/stanza_run.py stanza.models.tagger --mode train ...
    python models/stanza_run.py --init-from pos.pt stanza.models.tagger --mode train ...

The tagger's XPOS and feature classifiers use ``torch.nn.Bilinear``, whose CPU
backward pass (``_trilinear``) took over 60% of each training step on 2 cores.
This runner swaps ``torch.nn.functional.bilinear`` for the same computation
written as one matrix product and a reduction (equal up to float rounding;
about 18x faster forward+backward), then runs the module exactly as
``python -m`` would.  The saved models are ordinary Stanza models.

``--init-from MODEL`` starts a tagger's or tokenizer's training from the weights of
one saved earlier (same data, same shape), where Stanza's tagger has no checkpoint
to resume from and its tokenizer's ``--load_name`` fails in train mode: the step
count and optimizer start afresh, the weights do not.
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


# The trainer class that ``--init-from`` patches, by the trainer module being run.
TRAINERS = {
    "stanza.models.tagger": "stanza.models.pos.trainer",
    "stanza.models.tokenizer": "stanza.models.tokenization.trainer",
}


def init_from(model_file: str, module: str) -> None:
    """Make every new Trainer of ``module`` (the tagger or the tokenizer) start from ``model_file``'s
    weights (vocabularies must match)."""
    import importlib
    import inspect

    if module not in TRAINERS:
        raise SystemExit(f"--init-from works with {', '.join(TRAINERS)}, not {module}")
    trainer_module = importlib.import_module(TRAINERS[module])
    original_init = trainer_module.Trainer.__init__
    signature = inspect.signature(original_init)

    def init(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original_init(self, *args, **kwargs)
        if signature.bind(self, *args, **kwargs).arguments.get("model_file") is not None:
            return  # loading a saved model, not starting a training run
        saved = torch.load(model_file, map_location="cpu", weights_only=True)
        if saved["vocab"] != self.vocab.state_dict():
            raise SystemExit(f"{model_file}: its vocabularies differ from this training data's; cannot start from it")
        missing, unexpected = self.model.load_state_dict(saved["model"], strict=False)
        unsaved = tuple(getattr(self.model, "unsaved_modules", ()))
        if unexpected or any(not key.startswith(unsaved) for key in missing):
            raise SystemExit(f"{model_file}: model shape differs (missing {missing}, unexpected {unexpected})")
        print(f"stanza_run: {module} weights initialised from {model_file}", flush=True)

    trainer_module.Trainer.__init__ = init


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["--init-from"]:
        init_from(args[1], args[2])
        args = args[2:]
    module = args[0]
    F.bilinear = matmul_bilinear
    sys.argv = [module, *args[1:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
