using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using OrchPatch.Simulator.Scenarios;
using OrchPatch.TestSupport.Time;
using OrchPatch.Simulator;

namespace OrchPatch.Simulator.Tests.Support;

/// <summary>A simulator on a fake clock with an HttpClient on its in-process handler.</summary>
internal sealed class TestFarm : IDisposable
{
    public static readonly DateTimeOffset Epoch = new(2024, 6, 11, 8, 0, 0, TimeSpan.Zero);

    private TestFarm(Scenario scenario, SimulatorSettings? settings, bool latency)
    {
        Time = new FakeTimeProvider(Epoch);
        // These tests read one answer at a time on a fake clock that only the test moves, and pin the times they see:
        // time per request would leave every await waiting for an Advance. Latency has its own tests (CreateWithLatency).
        settings ??= new SimulatorSettings();
        Simulator = new SimulatedOrchestrator(scenario, Time, latency ? settings : settings.WithoutLatency());
        Http = new HttpClient(Simulator.CreateHandler()) { BaseAddress = Simulator.BaseAddress };
    }

    public FakeTimeProvider Time { get; }

    public SimulatedOrchestrator Simulator { get; }

    public HttpClient Http { get; }

    public static TestFarm Create(Scenario? scenario = null, SimulatorSettings? settings = null) => new(scenario ?? TestScenarios.ThreeServers(), settings, latency: false);

    /// <summary>A farm whose requests cost the time <paramref name="settings"/> give (the defaults when null): an
    /// answer arrives only once the test has moved the clock.</summary>
    public static TestFarm CreateWithLatency(Scenario? scenario = null, SimulatorSettings? settings = null) => new(scenario ?? TestScenarios.ThreeServers(), settings, latency: true);

    public void Run(TimeSpan duration) => Time.RunFor(duration);

    public void RunSeconds(double seconds) => Time.RunFor(TimeSpan.FromSeconds(seconds));

    public Task<HttpResponseMessage> GetAsync(string relative) => Http.GetAsync(relative);

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string relative, string? body = null, string contentType = "application/atom+xml", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, relative);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<string> GetStringAsync(string relative)
    {
        using var response = await Http.GetAsync(relative);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {relative} answered {(int)response.StatusCode}: {body}");
        }

        return body;
    }

    public JobState Job(Guid id) => Simulator.GetJob(id);

    public IReadOnlyList<JobState> RunningOn(string server) => Simulator.Jobs.Where(j => j.Status == SimulatedJobStatus.Running && j.Server == server).ToList();

    public void Dispose()
    {
        Http.Dispose();
        Simulator.Dispose();
    }
}
