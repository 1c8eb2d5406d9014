using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.Blocking.BlockingCallAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.Blocking
{
    public class BlockingCallAnalyzerTests
    {
        /// <summary>Small stand-ins for EF Core, NUnit and Moq shapes (the real packages are not referenced by tests).</summary>
        internal const string LibraryStubs = @"
namespace Microsoft.EntityFrameworkCore
{
    using System.Collections.Generic;
    using System.Linq;
    using System.Threading;
    using System.Threading.Tasks;

    public class DbContext
    {
        public int SaveChanges() => 0;
        public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
        public object Add(object entity) => entity;
        public ValueTask<object> AddAsync(object entity, CancellationToken cancellationToken = default) => new ValueTask<object>(entity);
        public void AddRange(params object[] entities) { }
        public Task AddRangeAsync(params object[] entities) => Task.CompletedTask;
    }

    public interface IDbContextFactory<TContext> where TContext : DbContext
    {
        TContext CreateDbContext();
        Task<TContext> CreateDbContextAsync(CancellationToken cancellationToken = default);
    }

    public static class EntityFrameworkQueryableExtensions
    {
        public static Task<List<T>> ToListAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) => Task.FromResult(source.ToList());
        public static Task<int> CountAsync<T>(this IQueryable<T> source, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}

namespace NUnit.Framework
{
    using System.Threading.Tasks;
    public static class Assert
    {
        public static void That(bool condition) { }
        public static Task ThatAsync(bool condition) => Task.CompletedTask;
    }
}

namespace System.IO.Pipelines
{
    using System.Threading.Tasks;
    public abstract class PipeWriter
    {
        public abstract void Complete(System.Exception exception = null);
        public virtual ValueTask CompleteAsync(System.Exception exception = null) => default;
    }
}

namespace Moq
{
    using System;
    using System.Threading.Tasks;
    public class Mock<T>
    {
        public void Raise(Action<T> eventExpression, EventArgs args) { }
        public Task RaiseAsync(Action<T> eventExpression, EventArgs args) => Task.CompletedTask;
    }
}
";

        [Fact]
        public Task Framework_io_calls_with_async_twins_are_reported() => Verify.VerifyAsync(@"
using System.Data.Common;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

class C
{
    async Task<string> LoadAsync(string path, HttpClient http, HttpRequestMessage request, DbCommand command, DbDataReader reader, Process process, Stream stream, byte[] buffer, DbConnection connection)
    {
        var text = {|#0:File.ReadAllText(path)|};
        {|#1:File.WriteAllBytes(path, buffer)|};
        var response = {|#2:http.Send(request)|};
        var rows = {|#3:command.ExecuteNonQuery()|};
        while ({|#4:reader.Read()|}) { }
        {|#5:process.WaitForExit()|};
        var read = {|#6:stream.Read(buffer, 0, buffer.Length)|};
        {|#7:stream.Flush()|};
        var sr = new StreamReader(stream);
        var all = {|#8:sr.ReadToEnd()|};
        {|#9:connection.Open()|};
        await Task.Yield();
        return text + all;
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("File.ReadAllText", "method", "LoadAsync", "await 'File.ReadAllTextAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("File.WriteAllBytes", "method", "LoadAsync", "await 'File.WriteAllBytesAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(2).WithArguments("HttpClient.Send", "method", "LoadAsync", "await 'HttpClient.SendAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(3).WithArguments("DbCommand.ExecuteNonQuery", "method", "LoadAsync", "await 'DbCommand.ExecuteNonQueryAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(4).WithArguments("DbDataReader.Read", "method", "LoadAsync", "await 'DbDataReader.ReadAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(5).WithArguments("Process.WaitForExit", "method", "LoadAsync", "await 'Process.WaitForExitAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(6).WithArguments("Stream.Read", "method", "LoadAsync", "await 'Stream.ReadAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(7).WithArguments("Stream.Flush", "method", "LoadAsync", "await 'Stream.FlushAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(8).WithArguments("StreamReader.ReadToEnd", "method", "LoadAsync", "await 'StreamReader.ReadToEndAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(9).WithArguments("DbConnection.Open", "method", "LoadAsync", "await 'DbConnection.OpenAsync' instead"));

        [Fact]
        public Task User_types_bases_interfaces_lambdas_and_local_functions_are_reported() => Verify.VerifyAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;

interface IRepository
{
    void Save(int id);
    Task SaveAsync(int id, CancellationToken cancellationToken = default);
}

class Repository : IRepository
{
    public void Save(int id) { }
    public Task SaveAsync(int id, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

class BaseClient
{
    public string Fetch(string key) => key;
    public ValueTask<string> FetchAsync(string key) => new ValueTask<string>(key);
}

class DerivedClient : BaseClient { }

class C
{
    async Task M(Repository repository, DerivedClient client)
    {
        {|#0:repository.Save(1)|};
        var value = {|#1:client.Fetch(""k"")|};
        Func<Task> lambda = async () => { {|#2:repository.Save(2)|}; await Task.Yield(); };
        async Task Local() { {|#3:repository.Save(3)|}; await Task.Yield(); }
        await Local();
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Repository.Save", "method", "M", "await 'Repository.SaveAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("BaseClient.Fetch", "method", "M", "await 'BaseClient.FetchAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(2).WithArguments("Repository.Save", "lambda", "M", "await 'Repository.SaveAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(3).WithArguments("Repository.Save", "local function", "Local", "await 'Repository.SaveAsync' instead"));

        [Fact]
        public Task Async_lambdas_and_local_functions_in_synchronous_members_are_reported_and_their_sync_code_is_not() => Verify.VerifyAsync(@"
using System;
using System.IO;
using System.Threading.Tasks;

class C
{
    private readonly Func<Task> _initializer = async () => { {|#0:File.ReadAllText(""a"")|}; await Task.Yield(); };

    public string Path { get { Func<Task> f = async () => { {|#1:File.ReadAllText(""b"")|}; await Task.Yield(); }; return File.ReadAllText(""c""); } }

    void Run()
    {
        File.ReadAllText(""d"");
        Func<string> sync = () => File.ReadAllText(""e"");
        Func<Task> lambda = async () => { {|#2:File.ReadAllText(""f"")|}; await Task.Yield(); };
        async Task Local() { {|#3:File.ReadAllText(""g"")|}; await Task.Yield(); }
        _ = Local();
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("File.ReadAllText", "lambda", "_initializer", "await 'File.ReadAllTextAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("File.ReadAllText", "lambda", "Path", "await 'File.ReadAllTextAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(2).WithArguments("File.ReadAllText", "lambda", "Run", "await 'File.ReadAllTextAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(3).WithArguments("File.ReadAllText", "local function", "Local", "await 'File.ReadAllTextAsync' instead"));

        /// <summary>The per-type shortcut (no member name ends in "Async": no twin) holds only while every renamed twin ends in "Async" too.</summary>
        [Fact]
        public void Every_renamed_twin_ends_in_Async()
            => Xunit.Assert.All(ConcurrencyAnalyzers.Semantics.AwaitableAlternatives.RenamedPairs, pair => Xunit.Assert.EndsWith("Async", pair.Async, System.StringComparison.Ordinal));

        [Fact]
        public Task Twins_are_found_through_an_interface_cast_a_static_base_and_a_generic_base() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

interface IReader { string Read(); Task<string> ReadAsync(); }

class Loader { public static string Load() => """"; public static Task<string> LoadAsync() => Task.FromResult(""""); }

class SpecialLoader : Loader { }

class Source<T> { public T Get() => default!; public Task<T> GetAsync() => Task.FromResult(default(T)!); }

class IntSource : Source<int> { }

class Plain { public string Read() => """"; }

class C
{
    async Task<string> M(object o, IntSource source, Plain plain)
    {
        await Task.Yield();
        var n = {|#1:source.Get()|};
        return {|#0:((IReader)o).Read()|} + {|#2:SpecialLoader.Load()|} + n + plain.Read();
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("IReader.Read", "method", "M", "await 'IReader.ReadAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("Source.Get", "method", "M", "await 'Source.GetAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(2).WithArguments("Loader.Load", "method", "M", "await 'Loader.LoadAsync' instead"));

        [Fact]
        public Task Interface_alternative_is_found_from_an_implementing_class() => Verify.VerifyAsync(@"
using System.Threading.Tasks;

interface IStore { Task<int> CountAsync(); }

class Store : IStore
{
    public int Count() => 0;
    Task<int> IStore.CountAsync() => Task.FromResult(0);
}

class C
{
    async Task<int> M(IStore store, Store concrete)
    {
        await Task.Yield();
        return {|#0:concrete.Count()|};
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Store.Count", "method", "M", "await 'IStore.CountAsync' instead"));

        [Fact]
        public Task Extension_alternative_is_found_only_when_its_namespace_is_imported() => Verify.VerifyAsync(@"
using System.Linq;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

class Order { }

class C
{
    async Task<int> M(IQueryable<Order> orders, System.Collections.Generic.List<Order> list)
    {
        var all = {|#0:orders.ToList()|};
        var count = {|#1:orders.Count()|};
        var inMemory = list.ToList();
        await Task.Yield();
        return all.Count + count + inMemory.Count;
    }
}" + LibraryStubs,
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Enumerable.ToList", "method", "M", "await 'EntityFrameworkQueryableExtensions.ToListAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("Queryable.Count", "method", "M", "await 'EntityFrameworkQueryableExtensions.CountAsync' instead"));

        [Fact]
        public Task In_memory_queries_and_buffer_writers_are_not_reported() => Verify.VerifyAsync(@"
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;

class Order { public bool Open { get; set; } }

class C
{
    async Task<int> M(List<Order> orders, ArrayBufferWriter<byte> buffer)
    {
        var open = orders.AsQueryable().Where(o => o.Open).ToList();
        var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteEndObject();
        json.Flush();
        await Task.Yield();
        return open.Count;
    }
}" + LibraryStubs);

        [Fact]
        public Task Extension_alternative_in_a_namespace_not_imported_is_not_suggested() => Verify.VerifyAsync(@"
using System.Linq;
using System.Threading.Tasks;

class Order { }

class C
{
    async Task<int> M(IQueryable<Order> orders)
    {
        await Task.Yield();
        return orders.ToList().Count;
    }
}" + LibraryStubs);

        [Fact]
        public Task Alternatives_matching_by_argument_names_with_optional_tails_are_found() => Verify.VerifyAsync(@"
using System.Data;
using System.Threading.Tasks;

static class SqlMapper
{
    public static int Execute(this IDbConnection connection, string sql, object param = null, bool buffered = true) => 0;
    public static Task<int> ExecuteAsync(this IDbConnection connection, string sql, object param = null, int? commandTimeout = null) => Task.FromResult(0);
}

class C
{
    async Task<int> M(IDbConnection connection)
    {
        await Task.Yield();
        return {|#0:connection.Execute(""delete from t where id = @id"", new { id = 1 })|};
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("SqlMapper.Execute", "method", "M", "await 'SqlMapper.ExecuteAsync' instead"));

        [Fact]
        public Task Array_offset_count_matches_a_Memory_alternative() => Verify.VerifyAsync(@"
using System;
using System.Threading;
using System.Threading.Tasks;

class Channel
{
    public int Receive(byte[] buffer, int offset, int count) => 0;
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new ValueTask<int>(0);
}

class C
{
    async Task<int> M(Channel channel, byte[] buffer)
    {
        await Task.Yield();
        return {|#0:channel.Receive(buffer, 0, buffer.Length)|};
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Channel.Receive", "method", "M", "await 'Channel.ReceiveAsync' instead"));

        [Fact]
        public Task Arguments_that_convert_implicitly_to_the_alternative_parameters_match() => Verify.VerifyAsync(@"
using System;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

class Sink
{
    public void Put(byte[] data) { }
    public ValueTask PutAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) => default;
    public void Log(int level) { }
    public Task LogAsync(long level) => Task.CompletedTask;
}

class C
{
    async Task<int> M(Sink sink, Socket socket, byte[] buffer)
    {
        {|#0:sink.Put(buffer)|};
        sink.Log(1);
        await Task.Yield();
        return {|#1:socket.Receive(buffer)|};
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Sink.Put", "method", "M", "await 'Sink.PutAsync' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("Socket.Receive", "method", "M", "await 'Socket.ReceiveAsync' instead"));

        [Fact]
        public Task Renamed_pairs_from_the_curated_table_are_reported() => Verify.VerifyAsync(@"
using System.Net.NetworkInformation;
using System.Threading.Tasks;

class C
{
    async Task M(Ping ping)
    {
        var reply = {|#0:ping.Send(""localhost"")|};
        await Task.Yield();
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Ping.Send", "method", "M", "await 'Ping.SendPingAsync' instead"));

        [Fact]
        public Task Using_of_an_IAsyncDisposable_that_really_disposes_asynchronously_is_reported() => Verify.VerifyAsync(@"
using System;
using System.IO;
using System.Threading.Tasks;

class Resource : IDisposable, IAsyncDisposable
{
    public void Dispose() { }
    public ValueTask DisposeAsync() => default;
}

class C
{
    async Task M(string path)
    {
        using {|#0:var writer = new StreamWriter(path)|};
        using ({|#1:var resource = new Resource()|})
        {
            await Task.Yield();
        }

        using ({|#2:new FileStream(path, FileMode.Create)|})
        {
        }

        var explicitResource = new Resource();
        {|#3:explicitResource.Dispose()|};
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("StreamWriter.Dispose", "method", "M", "use 'await using' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(1).WithArguments("Resource.Dispose", "method", "M", "use 'await using' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(2).WithArguments("FileStream.Dispose", "method", "M", "use 'await using' instead"),
            Verify.Diagnostic("CONC0201").WithLocation(3).WithArguments("Resource.Dispose", "method", "M", "await 'Resource.DisposeAsync' instead"));

        [Fact]
        public Task Disposal_that_gains_nothing_from_await_using_is_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task M(string path, HttpClient http, CancellationToken token, ArrayBufferWriter<byte> buffer)
    {
        using var response = await http.GetAsync(""https://example.invalid"");
        using var body = await response.Content.ReadAsStreamAsync();
        using var read = File.OpenRead(path);
        using var readOnly = new FileStream(path, FileMode.Open, FileAccess.Read);
        using var memory = new MemoryStream();
        using var stringWriter = new StringWriter();
        using var overMemory = new StreamWriter(memory);
        using var registration = token.Register(() => { });
        using var timer = new Timer(_ => { });
        using var json = new Utf8JsonWriter(buffer);
        using var cts = new CancellationTokenSource();
        Stream asStream = new MemoryStream();
        using (asStream) { }
        registration.Dispose();
        timer.Dispose();
        var input = File.OpenRead(path);
        input.Dispose();
    }
}");

        [Fact]
        public Task In_memory_receivers_are_not_reported() => Verify.VerifyAsync(@"
using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;

class C
{
    async Task<string> M(byte[] data, MemoryStream ms, StringWriter sw, UnmanagedMemoryStream ums)
    {
        await Task.Yield();
        ms.Write(data, 0, data.Length);
        ms.Flush();
        ums.Read(data, 0, 1);
        sw.Write(""x"");
        Stream local = new MemoryStream(data);
        local.Read(data, 0, data.Length);
        var reader = new StreamReader(new MemoryStream(data));
        var text = reader.ReadToEnd();
        var stringReader = new StringReader(""abc"");
        var line = stringReader.ReadLine();
        Console.Out.WriteLine(text);
        Console.Out.Flush();
        return text + line;
    }
}");

        [Fact]
        public Task Known_non_equivalent_pairs_are_not_reported() => Verify.VerifyAsync(@"
using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Moq;
using NUnit.Framework;

class C
{
    async Task M(DbContext db, IDbContextFactory<DbContext> factory, DbDataReader reader, CancellationTokenSource cts, Mock<IDisposable> mock, XmlReader xml, System.IO.Pipelines.PipeWriter pipe)
    {
        db.Add(new object());
        db.AddRange(new object(), new object());
        var context = factory.CreateDbContext();
        var id = reader.GetFieldValue<int>(0);
        var isNull = reader.IsDBNull(1);
        cts.Cancel();
        Assert.That(true);
        mock.Raise(d => d.Dispose(), EventArgs.Empty);
        xml.Read();
        pipe.Complete();
        await db.SaveChangesAsync();
    }
}" + LibraryStubs);

        [Fact]
        public Task Waits_sleeps_and_synchronization_belong_to_other_rules() => Verify.VerifyAsync(@"
using System.Threading;
using System.Threading.Tasks;

class C
{
    async Task<int> M(Task<int> task, Task other, SemaphoreSlim gate, Thread thread)
    {
        await Task.Yield();
        other.Wait();
        gate.Wait();
        Thread.Sleep(10);
        thread.Join();
        if (task.IsCompleted)
        {
            return task.Result;
        }

        return task.GetAwaiter().GetResult();
    }
}");

        [Fact]
        public Task Synchronous_code_non_async_lambdas_nameof_and_expression_trees_are_not_reported() => Verify.VerifyAsync(@"
using System;
using System.IO;
using System.Linq.Expressions;
using System.Threading.Tasks;

class C
{
    string Sync(string path) => File.ReadAllText(path);

    async Task M(string path)
    {
        await Task.Run(() => File.ReadAllText(path));
        Func<string> later = () => File.ReadAllText(path);
        var name = nameof(File.ReadAllText);
        Expression<Func<string>> tree = () => File.ReadAllText(path);
        await Task.Yield();
    }
}");

        [Fact]
        public Task Obsolete_and_incompatible_alternatives_are_not_suggested() => Verify.VerifyAsync(@"
using System;
using System.Threading.Tasks;

class Client
{
    public string Load(int id) => """";
    [Obsolete(""use Load"")] public Task<string> LoadAsync(int id) => Task.FromResult("""");

    public int Parse(string text) => 0;
    public Task<int> ParseAsync(int number) => Task.FromResult(0);

    public int Count() => 0;
    public Task<string> CountAsync() => Task.FromResult("""");

    public void Start(int port) { }
    public void StartAsync(int port) { }

    public Task Begin() => Task.CompletedTask;
    public Task BeginAsync() => Task.CompletedTask;
}

class C
{
    async Task M(Client client)
    {
        client.Load(1);
        client.Parse(""1"");
        client.Count();
        client.Start(80);
        await client.Begin();
    }
}");

        [Fact]
        public Task The_method_calling_its_own_sync_twin_is_not_reported_but_delegation_to_another_object_is() => Verify.VerifyAsync(@"
using System.IO;
using System.Threading;
using System.Threading.Tasks;

class Store
{
    public void Flush() { }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        Flush();
        this.Flush();
    }

    public static int Compute() => 0;
    public static async Task<int> ComputeAsync() { await Task.Yield(); return Compute(); }
}

class WrappingStream
{
    private readonly Stream _inner;
    public WrappingStream(Stream inner) => _inner = inner;

    public async Task FlushAsync()
    {
        await Task.Yield();
        {|#0:_inner.Flush()|};
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Stream.Flush", "method", "FlushAsync", "await 'Stream.FlushAsync' instead"));

        [Fact]
        public Task The_sync_branch_of_a_shared_core_is_not_reported() => Verify.VerifyAsync(@"
using System.IO;
using System.Threading.Tasks;

class Reader
{
    private readonly Stream _stream;
    public Reader(Stream stream) => _stream = stream;

    public int Read(byte[] buffer) => ReadCore(buffer, useAsync: false).GetAwaiter().GetResult();
    public ValueTask<int> ReadAsync(byte[] buffer) => ReadCore(buffer, useAsync: true);

    private async ValueTask<int> ReadCore(byte[] buffer, bool useAsync)
    {
        int read;
        if (useAsync)
        {
            read = await _stream.ReadAsync(buffer, 0, buffer.Length);
        }
        else
        {
            read = _stream.Read(buffer, 0, buffer.Length);
        }

        if (!useAsync)
        {
            _stream.Flush();
        }

        var again = useAsync ? await _stream.ReadAsync(buffer, 0, 1) : _stream.Read(buffer, 0, 1);
        return read + again;
    }

    private async ValueTask<int> EarlyExit(byte[] buffer, bool isAsync)
    {
        if (isAsync)
        {
            return await _stream.ReadAsync(buffer, 0, buffer.Length);
        }

        return _stream.Read(buffer, 0, buffer.Length);
    }

    private async Task WriteCore(byte[] buffer, bool synchronous)
    {
        if (synchronous) { _stream.Write(buffer, 0, buffer.Length); }
        else { await _stream.WriteAsync(buffer, 0, buffer.Length); {|#0:_stream.Flush()|}; }
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Stream.Flush", "method", "WriteCore", "await 'Stream.FlushAsync' instead"));

        [Fact]
        public Task Methods_excluded_in_editorconfig_are_not_reported() => Verify.VerifyAsync(@"
using System.IO;
using System.Threading.Tasks;

class Cache
{
    public string Get(string key) => key;
    public Task<string> GetAsync(string key) => Task.FromResult(key);
}

class C
{
    async Task<string> M(Cache cache, string path)
    {
        await Task.Yield();
        var text = File.ReadAllText(path);
        var value = cache.Get(""k"");
        return {|#0:File.ReadAllLines(path)|}[0] + text + value;
    }
}",
            "concurrency_analyzers.CONC0201.excluded_methods = System.IO.File.ReadAllText, Cache.Get\n",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("File.ReadAllLines", "method", "M", "await 'File.ReadAllLinesAsync' instead"));

        [Fact]
        public Task Half_typed_code_does_not_crash_the_analyzer() => Verify.VerifyBrokenCodeAsync(@"
using System.IO;
using System.Threading.Tasks;

class C
{
    async Task M(Missing missing, string path)
    {
        missing.Read();
        File.ReadAllText(path);
        File.ReadAllText(;
        var x = Unknown.Load(path);
        using var y = new Nope();
        using (missing) { }
        undefined?.Flush();
        await Task.Yield();
    }

    async Task N() { File.
}",
            Verify.Diagnostic("CONC0201").WithSpan(10, 9, 10, 31).WithArguments("File.ReadAllText", "method", "M", "await 'File.ReadAllTextAsync' instead"));
    
        [Fact]
        public Task Shared_core_with_an_enum_mode_leaves_its_sync_side_and_usings_alone_but_not_unguarded_calls() => Verify.VerifyAsync(@"
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

enum IOBehavior { Synchronous, Asynchronous }

class Session
{
    private readonly Stream _stream = Stream.Null;

    internal async Task<IPAddress[]> ResolveAsync(string host, IOBehavior ioBehavior, CancellationToken token)
    {
        using var copy = new BufferedStream(_stream);
        var addresses = ioBehavior != IOBehavior.Asynchronous ? Dns.GetHostAddresses(host) : await Dns.GetHostAddressesAsync(host, token);
        if (ioBehavior == IOBehavior.Asynchronous)
        {
            await _stream.FlushAsync(token);
        }
        else
        {
            _stream.Flush();
        }

        {|#0:_stream.Flush()|};
        return addresses;
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("Stream.Flush", "method", "ResolveAsync", "await 'Stream.FlushAsync' instead"));

        [Fact]
        public Task Read_only_File_Open_and_result_set_schema_are_not_reported() => Verify.VerifyAsync(@"
using System.Data.Common;
using System.IO;
using System.Threading.Tasks;

class Loader
{
    async Task<string> LoadAsync(string path, DbDataReader reader)
    {
        var schema = reader.GetColumnSchema();
        using FileStream stream = File.Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var text = new StreamReader(stream);
        return await text.ReadToEndAsync() + schema.Count;
    }

    async Task SaveAsync(string path)
    {
        using ({|#0:FileStream stream = File.Open(path, FileMode.Create, FileAccess.Write)|})
        {
            await stream.WriteAsync(new byte[1], 0, 1);
        }
    }
}",
            Verify.Diagnostic("CONC0201").WithLocation(0).WithArguments("FileStream.Dispose", "method", "SaveAsync", "use 'await using' instead"));
    }
}
