"""Interactive widgets for the notebooks: buttons and sliders that move the ideas.

    from nnla_helpers import widgets

    widgets.TrainingPlayer(X, y)             Play / Pause / Step / Reset a training run and watch
                                             the loss, the decision regions and every weight matrix
    widgets.DerivationStepper(steps)         Prev / Next through a derivation with real numbers
    widgets.forward_backward_steps(net, X, Y)  the steps of a forward + backward pass
    widgets.MatrixMultiplyStepper(X, W, b)   Z = X W + b one entry at a time
    widgets.FunctionExplorer("sigmoid")      an activation and its derivative on sliders
    widgets.LayerGridView(net, X, y)         a grid pushed through each layer: kept straight or folded
    widgets.DigitExplorer(net, X, y)         an MNIST digit through a trained network
    widgets.OptimizerRace("valley", lr=0.1)  gradient descent, momentum and Adam racing down
                                             one long narrow valley (optim.valley)
    widgets.InitExplorer("uniform", "relu")  a batch through 10 freshly initialised layers:
                                             do the activations vanish, explode or stay steady?

End a cell with a widget to use it; every widget also has ``snapshot()``, a static
matplotlib figure of what it shows, so the notebook still reads on GitHub or on paper.

How they draw (the backend choice)
----------------------------------
Each widget owns ONE ``matplotlib.figure.Figure`` rendered by Agg (``FigureCanvasAgg``)
and never registered with ``matplotlib.pyplot``. A frame updates the figure's artists in
place (``set_data``, ``set_height``, …), renders it, and puts the PNG bytes into an
``ipywidgets.Image`` (``widget.image``). We chose this over the ipympl (``%matplotlib
widget``) backend because:

- it needs no front-end extension, so it behaves the same in JupyterLab, Notebook 7,
  VS Code, Binder/JupyterHub, and headless runs (nbval, nbconvert) — there the figure is
  simply rendered and the widget state saved;
- pyplot never sees the figures: ``plt.get_fignums()`` does not grow however many frames
  are drawn, the inline backend never shows a figure twice, and ``close()`` frees the
  figure and closes every control; a widget that was never shown is freed as soon as
  nothing refers to it (its controls hold it only weakly), a shown one lives as long as
  its view, as every ipywidget does (``widgets.base``);
- the picture changes exactly when the Image's bytes change, which a browser test can see.

Answers are quick (``make bench-browser`` measures them in Chromium, click to picture):

- the moving artists are redrawn over a saved background (blitting), and axis limits change
  seldom (``base.steady_limits``), so most frames draw no ticks; the PNG is written with
  zlib's fastest level (``style.encode_png``); ``benchmarks/widget_frames.py`` times frames;
- a DerivationStepper typesets every step once, when shown: Next only changes which is on
  screen;
- Play runs as fast as the machine draws, up to 20 pictures a second, and ticks never
  queue up (``base.PlayLoop``); a slider dragged fast never queues up either: ipywidgets
  sends a control's latest value once the kernel is free, so the last picture is always
  the one for the slider's last value;
- the Jupyter server sends each message at once (``nnla_lab``, installed with the package),
  instead of waiting up to 40 ms for the browser's acknowledgement of the one before.
- every main widget fits a 1280 × 720 projector with its controls (the browser test checks
  it while presenting).

The widgets live in ``widgets.training`` (TrainingPlayer), ``widgets.steppers`` (the two
steppers and ``forward_backward_steps``), ``widgets.explorers`` (the three explorers) and
``widgets.optimizers`` (OptimizerRace and InitExplorer, notebook 07); ``widgets.base`` holds
the part they share. Every number a widget shows comes from the package's own functions
(``network``, ``layers``, ``activations``, ``linear``, ``train``, ``optim``): a
widget never computes a pass, a softmax or a loss of its own, and stops a run that diverges
by the Trainer's one rule (``train.runaway``).

A learner's slip never ends in a traceback: a bad argument is refused at construction with
the package's own error (``ShapeError``, ``LabelError``, ``BadValueError``, ``SettingError``)
naming it; a control never raises (an error is shown in the widget); number controls refuse
NaN; NaN and ∞ show as "nan", "∞", "−∞".
"""

from ..style import encode_png
from .base import FigureWidget
from .explorers import DigitExplorer, FunctionExplorer, LayerGridView
from .optimizers import InitExplorer, OptimizerRace
from .steppers import (DerivationStepper, MatrixMultiplyStepper, Step, format_number,
                               forward_backward_steps)
from .training import TrainingPlayer

__all__ = ["TrainingPlayer", "DerivationStepper", "Step", "forward_backward_steps",
           "MatrixMultiplyStepper", "FunctionExplorer", "LayerGridView", "DigitExplorer",
           "OptimizerRace", "InitExplorer", "FigureWidget", "encode_png", "format_number"]
