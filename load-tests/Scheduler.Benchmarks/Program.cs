using BenchmarkDotNet.Running;

// dotnet run -c Release --project load-tests/Scheduler.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
