using System;
using System.Threading.Tasks;

// Stand-ins for WinForms types (the sample builds on Linux, where the Windows Desktop pack cannot
// restore); the analyzers recognise the real ones by the same metadata names.
namespace System.Windows.Forms
{
    public class Control
    {
    }

    public class Form : Control
    {
    }

    public class Button : Control
    {
        public event EventHandler? Click;

        public void PerformClick() => Click?.Invoke(this, EventArgs.Empty);
    }
}

namespace ConcurrencyAnalyzers.Samples.ThreadPlacement
{
    public sealed class PriceChartForm : System.Windows.Forms.Form
    {
        private readonly System.Windows.Forms.Button _smoothButton = new System.Windows.Forms.Button();
        private double[] _prices = new double[4096];
        private double[] _smoothed = new double[4096];

        public PriceChartForm()
        {
            _smoothButton.Click += OnSmoothClick;
        }

        // A moving average over a wide window for every point, on the UI thread: the window freezes.
        private async void OnSmoothClick(object? sender, EventArgs e)
        {
            for (var i = 0; i < _prices.Length; i++) // CONC0301
            {
                var sum = 0.0;
                for (var w = Math.Max(0, i - 256); w <= i; w++)
                {
                    sum += _prices[w];
                }

                _smoothed[i] = sum / (Math.Min(i, 256) + 1);
            }

            await Task.Yield();
        }
    }
}
