using Scheduler.GroupCommitBenchmark;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException problem)
{
    Console.Error.WriteLine(problem.Message);
    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (options.WaitlistJoins is not null)
{
    var table = await WaitlistBenchmark.RunAsync(options);
    Console.WriteLine();
    Console.WriteLine(table);
    if (options.MarkdownOut is { } file)
    {
        await File.WriteAllTextAsync(file, table);
    }

    return 0;
}

var results = await GroupCommitComparison.RunAsync(options);
Console.WriteLine();
Console.WriteLine(ResultTable.Text(results));
if (options.MarkdownOut is { } path)
{
    await File.WriteAllTextAsync(path, ResultTable.Markdown(results));
    Console.WriteLine($"Markdown table written to {path}");
}

return results.All(r => r.Failed == 0) ? 0 : 1;
