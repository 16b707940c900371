using BenchmarkDotNet.Running;
using TwilioCallTracking.Benchmarks;

if (args is ["--interleaved"])
{
    InterleavedCpuTime.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
