using System.Threading.Tasks;
using Verify = ConcurrencyAnalyzers.Tests.Verifiers.AnalyzerVerifier<ConcurrencyAnalyzers.Blocking.BlockingCallAnalyzer>;

namespace ConcurrencyAnalyzers.Tests.Blocking
{
    public class BlockingCallAnalyzerTests
    {
        [Fact]
        public Task Framework_io_calls_with_async_twins_are_reported() => Verify.VerifyAsync(@"
using System.Data.Common;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

class C
{
    async Task<string> LoadAsync(string path, HttpClient http, HttpRequestMessage request, DbCommand command, DbDataReader reader, Process process, Stream stream, byte[] buffer)
    {
        var text = {|#0:File.ReadAllText(path)|};
        {|#1:File.WriteAllBytes(path, buffer)|};
        var response = {|#2:http.Send(request)|};
        var rows = {|#3:command.ExecuteNonQuery()|};
        while ({|#4:reader.Read()|}) { }
        {|#5:process.WaitForExit()|};
        var read = {|#6:stream.Read(buffer, 0, buffer.Length)|};
        {|#7:stream.Flush()|};
        using var sr = new StreamReader(stream);
        var all = {|#8:sr.ReadToEnd()|};
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
            Verify.Diagnostic("CONC0201").WithLocation(8).WithArguments("StreamReader.ReadToEnd", "method", "LoadAsync", "await 'StreamReader.ReadToEndAsync' instead"));
    }
}
