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
  are drawn, the inline backend never shows a figure twice, and ``close()`` (or dropping
  the widget) frees the figure;
- the picture changes exactly when the Image's bytes change, which a browser test can see.

Frames are cheap: the moving artists are redrawn over a saved background (blitting) and
the PNG is written with zlib's fastest level (see ``widgets_base``); a TrainingPlayer frame
on the spiral set (2-16-16-3 net, one mini-batch step + redraw) takes about 20 ms
(``benchmarks/widget_frames.py``).

The widgets live in ``widgets_training`` (TrainingPlayer), ``widgets_steppers`` (the two
steppers) and ``widgets_explorers`` (the three explorers); ``widgets_base`` holds the part
they share.
"""

from .widgets_base import FigureWidget, encode_png
from .widgets_explorers import DigitExplorer, FunctionExplorer, LayerGridView
from .widgets_steppers import (DerivationStepper, MatrixMultiplyStepper, Step, format_number,
                               forward_backward_steps)
from .widgets_training import TrainingPlayer

__all__ = ["TrainingPlayer", "DerivationStepper", "Step", "forward_backward_steps",
           "MatrixMultiplyStepper", "FunctionExplorer", "LayerGridView", "DigitExplorer",
           "FigureWidget", "encode_png", "format_number"]
