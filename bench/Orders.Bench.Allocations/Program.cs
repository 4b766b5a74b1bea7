using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Usage: Orders.Bench.Allocations --header | TRACE.nettrace
// The trace holds the runtime's allocation samples (GC keyword, verbose: one sample per ~100 KB allocated, with the
// bytes since the last one and its call stack) and ASP.NET Core hosting's request events. Prints one markdown row:
// the requests finished in the trace, the bytes allocated per request, and each library's share of those bytes.
// A sample belongs to the innermost library on its stack, skipping the base class library (System.*), so a List
// that EF Core grows is EF Core's; the server's background work (here the outbox dispatcher) is counted in.
if (args is ["--header"])
{
    Console.WriteLine($"| target | requests | KiB allocated per request | {string.Join(" | ", Layers.Names)} |");
    Console.WriteLine($"|---|---:|---:|{string.Concat(Layers.Names.Select(_ => "---:|"))}");
    return 0;
}

if (args is not [var path])
{
    Console.Error.WriteLine("usage: Orders.Bench.Allocations --header | TRACE.nettrace");
    return 2;
}

var etlxPath = TraceLog.CreateFromEventPipeDataFile(path);
long requests = 0, total = 0;
var bytesByLayer = new long[Layers.Names.Length];
using (var log = new TraceLog(etlxPath))
{
    foreach (var traceEvent in log.Events)
    {
        if (traceEvent is GCAllocationTickTraceData sample)
        {
            total += sample.AllocationAmount64;
            bytesByLayer[Layers.Of(sample.CallStack())] += sample.AllocationAmount64;
        }
        else if (traceEvent.ProviderName == "Microsoft.AspNetCore.Hosting" && traceEvent.EventName == "Request/Stop")
        {
            requests++;
        }
    }
}

File.Delete(etlxPath);
if (requests == 0 || total == 0)
{
    Console.Error.WriteLine($"{path}: {requests} requests, {total} bytes sampled: nothing to report");
    return 1;
}

var shares = bytesByLayer.Select(bytes => $"{bytes * 100.0 / total:F0} %");
Console.WriteLine($"| {{target}} | {requests} | {total / 1024.0 / requests:F1} | {string.Join(" | ", shares)} |");
return 0;

internal static class Layers
{
    private static readonly (string Name, string[] Prefixes)[] Columns =
    [
        ("EF Core", ["Microsoft.EntityFrameworkCore", "Npgsql.EntityFrameworkCore"]),
        ("Npgsql, Microsoft.Data.Sqlite", ["Npgsql", "Microsoft.Data.Sqlite", "SQLitePCL"]),
        ("ASP.NET Core MVC", ["Microsoft.AspNetCore.Mvc"]),
        ("ASP.NET Core (Kestrel, hosting, routing)", ["Microsoft.AspNetCore"]),
        ("System.Text.Json", ["System.Text.Json"]),
        ("MediatR, FluentValidation, DI", ["MediatR", "FluentValidation", "Microsoft.Extensions.DependencyInjection"]),
        ("Orders code", ["Orders."]),
    ];

    public static readonly string[] Names = [.. Columns.Select(column => column.Name), "other (runtime, sockets, logging, Quartz)"];

    public static int Of(TraceCallStack? stack)
    {
        for (; stack is not null; stack = stack.Caller)
        {
            var method = stack.CodeAddress.FullMethodName;
            if (IsPassThrough(method))
            {
                continue;
            }

            var column = Array.FindIndex(Columns, column => column.Prefixes.Any(prefix => method.StartsWith(prefix, StringComparison.Ordinal)));
            return column < 0 ? Columns.Length : column;
        }

        return Columns.Length;
    }

    // The base class library, and the methods compiled at run time (DI's resolvers, MVC's invokers), allocate on
    // behalf of their caller.
    private static bool IsPassThrough(string? method) =>
        string.IsNullOrEmpty(method)
        || method.StartsWith("dynamicClass", StringComparison.Ordinal)
        || (method.StartsWith("System.", StringComparison.Ordinal) && !method.StartsWith("System.Text.Json", StringComparison.Ordinal));
}
