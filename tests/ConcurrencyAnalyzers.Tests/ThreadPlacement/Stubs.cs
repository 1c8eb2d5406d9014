namespace ConcurrencyAnalyzers.Tests.ThreadPlacement
{
    /// <summary>Small stand-ins for ASP.NET Core, hosting and WinForms types (resolved by metadata name, as the real ones are).</summary>
    internal static class Stubs
    {
        public const string Usings = @"
using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
";

        public const string Types = @"
namespace Microsoft.AspNetCore.Mvc
{
    public abstract class ControllerBase { }
    [System.AttributeUsage(System.AttributeTargets.Class, Inherited = true)] public sealed class ApiControllerAttribute : System.Attribute { }
    public sealed class NonActionAttribute : System.Attribute { }
}
namespace Microsoft.AspNetCore.Routing { public interface IEndpointRouteBuilder { } }
namespace Microsoft.AspNetCore.Builder
{
    public sealed class App : Microsoft.AspNetCore.Routing.IEndpointRouteBuilder { }
    public static class EndpointRouteBuilderExtensions
    {
        public static object MapGet(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
        public static object MapPost(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints, string pattern, System.Delegate handler) => handler;
    }
}
namespace Microsoft.Extensions.Hosting
{
    public interface IHostedService
    {
        System.Threading.Tasks.Task StartAsync(System.Threading.CancellationToken cancellationToken);
        System.Threading.Tasks.Task StopAsync(System.Threading.CancellationToken cancellationToken);
    }
    public abstract class BackgroundService : IHostedService
    {
        protected abstract System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken);
        public virtual System.Threading.Tasks.Task StartAsync(System.Threading.CancellationToken cancellationToken) => ExecuteAsync(cancellationToken);
        public virtual System.Threading.Tasks.Task StopAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
    }
}
namespace System.Windows.Forms
{
    public class Control { }
    public class Form : Control { }
    public class Button : Control { public event System.EventHandler? Click; public void PerformClick() => Click?.Invoke(this, System.EventArgs.Empty); }
}
";
    }
}
