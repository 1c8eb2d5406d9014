using Microsoft.CodeAnalysis;

namespace ConcurrencyAnalyzers.Semantics
{
    /// <summary>
    /// Answers "is this an event handler?" and "is this a UI framework's event?". Event handlers are
    /// the one place a void-returning async function is the norm: the event's delegate fixes the
    /// signature, and UI frameworks route a handler's exceptions to their dispatcher.
    /// </summary>
    internal static class EventHandlers
    {
        /// <summary>
        /// The `(object sender, EventArgs e)` shape: two parameters, the second an <c>EventArgs</c>
        /// (or a type named like one, as WinUI/UWP `RoutedEventArgs` that do not derive from
        /// System.EventArgs). The first may be any reference type (typed senders as in TypedEventHandler).
        /// </summary>
        public static bool HasEventHandlerShape(IMethodSymbol method, KnownSymbols known)
        {
            if (method.Parameters.Length != 2 || method.Parameters[0].RefKind != RefKind.None || method.Parameters[1].RefKind != RefKind.None)
            {
                return false;
            }

            var sender = method.Parameters[0].Type;
            if (sender.IsValueType || sender.TypeKind == TypeKind.Error)
            {
                return false;
            }

            return IsEventArgs(method.Parameters[1].Type, known);
        }

        /// <summary>EventArgs, a type derived from it, or a type (or base) named "...EventArgs" (WinUI/UWP args do not derive from System.EventArgs).</summary>
        public static bool IsEventArgs(ITypeSymbol type, KnownSymbols known)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (KnownSymbols.Is(current, known.EventArgs))
                {
                    return true;
                }

                if (current.Name.EndsWith("EventArgs", System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Is this event declared by a UI framework type (WinForms, WPF, WinUI/UWP, MAUI/Xamarin.Forms,
        /// Avalonia, Uno, GTK#, Eto) or by a type derived from one (a user control)? Handlers of such
        /// events run on the UI thread, whose dispatcher reports exceptions from async void handlers.
        /// </summary>
        public static bool IsUiEvent(IEventSymbol @event) => IsUiType(@event.ContainingType);

        /// <summary>A type of a UI framework, or derived from one (by namespace, or by the frameworks' root names for stand-ins).</summary>
        public static bool IsUiType(ITypeSymbol? start)
        {
            for (var type = start; type != null; type = type.BaseType)
            {
                if (IsUiNamespace(type.ContainingNamespace) || IsUiControlName(type.Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Control hierarchies named like the UI frameworks' roots (Control, Form, Window...): code that
        /// cannot reference the Windows-only packages often carries small stand-ins with these names.
        /// </summary>
        private static bool IsUiControlName(string name) => name is "Control" or "Form" or "UserControl" or "Window"
            or "FrameworkElement" or "UIElement" or "DispatcherObject" or "ContentPage" or "Page" or "VisualElement";

        private static bool IsUiNamespace(INamespaceSymbol? ns)
        {
            // Walk to the two outermost namespace names ("System.Windows", "Microsoft.Maui", ...).
            INamespaceSymbol? first = null;
            INamespaceSymbol? second = null;
            for (var current = ns; current != null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
            {
                second = first;
                first = current;
            }

            if (first == null)
            {
                return false;
            }

            switch (first.Name)
            {
                case "Avalonia":
                case "Xamarin":
                case "Gtk":
                case "Eto":
                case "Uno":
                    return true;
                case "System":
                    return second?.Name == "Windows";
                case "Microsoft":
                    return second?.Name == "Maui" || second?.Name == "UI";
                case "Windows":
                    return second?.Name == "UI";
                default:
                    return false;
            }
        }
    }
}
