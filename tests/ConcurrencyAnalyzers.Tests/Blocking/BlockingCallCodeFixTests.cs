using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.CodeFixVerifier<
    ConcurrencyAnalyzers.Blocking.BlockingCallAnalyzer,
    ConcurrencyAnalyzers.CodeFixes.Blocking.BlockingCallCodeFixProvider>;

namespace ConcurrencyAnalyzers.Tests.Blocking
{
    public class BlockingCallCodeFixTests
    {
        [Fact]
        public Task Calls_become_awaited_alternatives_forwarding_the_token_in_scope() => Verify.VerifyFixAsync(@"
using System.IO;
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task<int> M(string path, Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = {|#0:File.ReadAllText(path)|}.Length; // keep this comment
        var read = {|#1:stream.Read(buffer, 0, buffer.Length)|};
        {|#2:stream.Flush()|};
        return length + read;
    }
}",
            @"
using System.IO;
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task<int> M(string path, Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = (await File.ReadAllTextAsync(path, cancellationToken)).Length; // keep this comment
        var read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        return length + read;
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("File.ReadAllText", "method", "M", "await 'File.ReadAllTextAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("Stream.Read", "method", "M", "await 'Stream.ReadAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(2).WithArguments("Stream.Flush", "method", "M", "await 'Stream.FlushAsync' instead"));

        [Fact]
        public Task Span_overloads_map_to_memory_alternatives() => Verify.VerifyFixAsync(@"
using System;
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task M(Stream stream, byte[] data)
    {
        {|#0:stream.Write(data)|};
        await Task.Yield();
    }
}",
            @"
using System;
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task M(Stream stream, byte[] data)
    {
        await stream.WriteAsync(data);
        await Task.Yield();
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Stream.Write", "method", "M", "await 'Stream.WriteAsync' instead"));

        [Fact]
        public Task A_real_span_argument_is_reported_without_a_fix() => Verify.VerifyNoFixAsync(@"
using System;
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task M(Stream stream, byte[] data)
    {
        {|#0:stream.Write(data.AsSpan(1))|};
        await Task.Yield();
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Stream.Write", "method", "M", "await 'Stream.WriteAsync' instead"));

        [Fact]
        public Task A_token_overload_with_another_result_type_is_not_picked() => Verify.VerifyFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

class Client
{
    public int Get(int id) => id;
    public Task<int> GetAsync(int id) => Task.FromResult(id);
    public Task<string> GetAsync(int id, CancellationToken ct) => Task.FromResult("""");
}

class C
{
    async Task<int> M(Client client, CancellationToken ct)
    {
        await Task.Yield();
        return {|#0:client.Get(1)|} + 1;
    }
}",
            @"
using System.Threading;
using System.Threading.Tasks;

class Client
{
    public int Get(int id) => id;
    public Task<int> GetAsync(int id) => Task.FromResult(id);
    public Task<string> GetAsync(int id, CancellationToken ct) => Task.FromResult("""");
}

class C
{
    async Task<int> M(Client client, CancellationToken ct)
    {
        await Task.Yield();
        return await client.GetAsync(1) + 1;
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Client.Get", "method", "M", "await 'Client.GetAsync' instead"));

        [Fact]
        public Task A_required_token_without_one_in_scope_becomes_CancellationToken_None() => Verify.VerifyFixAsync(@"
using System.Threading;
using System.Threading.Tasks;

class Queue
{
    public void Publish(string message) { }
    public Task PublishAsync(string message, CancellationToken cancellationToken) => Task.CompletedTask;
}

class C
{
    async Task M(Queue queue)
    {
        await Task.Yield();
        {|#0:queue.Publish(""hello"")|};
    }
}",
            @"
using System.Threading;
using System.Threading.Tasks;

class Queue
{
    public void Publish(string message) { }
    public Task PublishAsync(string message, CancellationToken cancellationToken) => Task.CompletedTask;
}

class C
{
    async Task M(Queue queue)
    {
        await Task.Yield();
        await queue.PublishAsync(""hello"", CancellationToken.None);
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Queue.Publish", "method", "M", "await 'Queue.PublishAsync' instead"));

        [Fact]
        public Task Files_that_always_use_ConfigureAwait_false_keep_it() => Verify.VerifyFixAsync(@"
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task<string> M(string path)
    {
        await Task.Delay(1).ConfigureAwait(false);
        return {|#0:File.ReadAllText(path)|};
    }
}",
            @"
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task<string> M(string path)
    {
        await Task.Delay(1).ConfigureAwait(false);
        return await File.ReadAllTextAsync(path).ConfigureAwait(false);
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("File.ReadAllText", "method", "M", "await 'File.ReadAllTextAsync' instead"));

        [Fact]
        public Task Using_becomes_await_using() => Verify.VerifyFixAsync(@"
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task M(string path)
    {
        // the writer
        using {|#0:var writer = new StreamWriter(path)|};
        using ({|#1:var stream = new FileStream(path, FileMode.Append)|})
        {
            await Task.Yield();
        }
    }
}",
            @"
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task M(string path)
    {
        // the writer
        await using var writer = new StreamWriter(path);
        await using (var stream = new FileStream(path, FileMode.Append))
        {
            await Task.Yield();
        }
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("StreamWriter.Dispose", "method", "M", "use 'await using' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("FileStream.Dispose", "method", "M", "use 'await using' instead"));

        [Fact]
        public Task Extension_and_memory_alternatives_are_rewritten() => Verify.VerifyFixAsync(@"
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

class Order { }

class Channel
{
    public int Receive(byte[] buffer, int offset, int count) => 0;
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new ValueTask<int>(0);
}

class C
{
    async Task<int> M(IQueryable<Order> orders, Channel channel, byte[] buffer, CancellationToken ct)
    {
        var list = {|#0:orders.ToList()|};
        var read = {|#1:channel.Receive(buffer, 0, buffer.Length)|};
        return list.Count + read;
    }
}" + BlockingCallAnalyzerTests.LibraryStubs,
            @"
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

class Order { }

class Channel
{
    public int Receive(byte[] buffer, int offset, int count) => 0;
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new ValueTask<int>(0);
}

class C
{
    async Task<int> M(IQueryable<Order> orders, Channel channel, byte[] buffer, CancellationToken ct)
    {
        var list = await orders.ToListAsync(ct);
        var read = await channel.ReceiveAsync(buffer.AsMemory(0, buffer.Length), ct);
        return list.Count + read;
    }
}" + BlockingCallAnalyzerTests.LibraryStubs,
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Enumerable.ToList", "method", "M", "await 'EntityFrameworkQueryableExtensions.ToListAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("Channel.Receive", "method", "M", "await 'Channel.ReceiveAsync' instead"));

        [Fact]
        public Task A_token_named_in_editorconfig_is_forwarded() => Verify.VerifyFixAsync(@"
using System.IO;
using System.Threading;
using System.Threading.Tasks;

class Worker
{
    private readonly CancellationToken _stopping;

    async Task M(string path)
    {
        await Task.Yield();
        {|#0:File.Delete(path)|};
        var text = {|#1:File.ReadAllText(path)|};
    }
}",
            @"
using System.IO;
using System.Threading;
using System.Threading.Tasks;

class Worker
{
    private readonly CancellationToken _stopping;

    async Task M(string path)
    {
        await Task.Yield();
        File.Delete(path);
        var text = await File.ReadAllTextAsync(path, _stopping);
    }
}",
            "concurrency_analyzers.CONC0201.excluded_methods = File.Delete\nconcurrency_analyzers.cancellation_token_names = _stopping\n",
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("File.ReadAllText", "method", "M", "await 'File.ReadAllTextAsync' instead"));

        [Fact]
        public Task No_fix_for_conditional_access_or_inside_lock() => Verify.VerifyNoFixAsync(@"
using System.IO;
using System.Threading.Tasks;

class C
{
    private readonly object _gate = new object();

    async Task M(Stream stream, string path)
    {
        await Task.Yield();
        stream?{|#0:.Flush()|};
        lock (_gate)
        {
            var text = {|#1:File.ReadAllText(path)|};
        }
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Stream.Flush", "method", "M", "await 'Stream.FlushAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("File.ReadAllText", "method", "M", "await 'File.ReadAllTextAsync' instead"));

        [Fact]
        public Task FixAll_across_documents() => Verify.VerifyFixAsync(
            new[]
            {
                "using System.IO;\nusing System.Threading.Tasks;\nclass A { async Task<string> M(string p) { await Task.Yield(); return {|#0:File.ReadAllText(p)|}; } }\n",
                "using System.IO;\nusing System.Threading.Tasks;\nclass B { async Task M(string p, byte[] b) { {|#1:File.WriteAllBytes(p, b)|}; using {|#2:var w = new StreamWriter(p)|}; await Task.Yield(); } }\n",
            },
            new[]
            {
                "using System.IO;\nusing System.Threading.Tasks;\nclass A { async Task<string> M(string p) { await Task.Yield(); return await File.ReadAllTextAsync(p); } }\n",
                "using System.IO;\nusing System.Threading.Tasks;\nclass B { async Task M(string p, byte[] b) { await File.WriteAllBytesAsync(p, b); await using var w = new StreamWriter(p); await Task.Yield(); } }\n",
            },
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("File.ReadAllText", "method", "M", "await 'File.ReadAllTextAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("File.WriteAllBytes", "method", "M", "await 'File.WriteAllBytesAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(2).WithArguments("StreamWriter.Dispose", "method", "M", "use 'await using' instead"));
    }
}
