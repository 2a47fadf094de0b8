using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Queues;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Application.Telemetry;
using ExportReadiness.Storage;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost;

/// <summary>
/// The local host's driver of a queue trigger, with the Functions host's semantics: a batch of messages hidden
/// while handled (a short lease, renewed until the handler returns), each deleted only after it succeeded, released with the visibility timeout on failure,
/// and copied to <c>{queue}-poison</c> once it has failed maxDequeueCount times. At most batchSize +
/// newBatchThreshold messages are held at once (<see cref="InFlightWindow"/>). Polling backs off to maxPollingInterval
/// while the queue is empty.
/// </summary>
public sealed partial class QueueTriggerWorker(
    IQueueFunction function,
    StorageClients storage,
    CurrentModel currentModel,
    QueueDeliveryTelemetry telemetry,
    IOptions<QueueTriggerOptions> options,
    ILogger<QueueTriggerWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly QueueClient _queue = storage.Queue(function.QueueName);
    private readonly QueueClient _poison = storage.Queue(function.QueueName + StorageNames.PoisonSuffix);
    private readonly InFlightWindow _window = new(options.Value.BatchSize, options.Value.NewBatchThreshold);

    /// <summary>The queue this worker triggers its function from.</summary>
    public string QueueName => function.QueueName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await StorageClients.RetryWhileUnavailableAsync(() => storage.EnsureCreatedAsync(stoppingToken), logger, stoppingToken);
        // Messages that arrive before the first model is published would only burn their retries.
        await currentModel.WaitUntilAvailableAsync(stoppingToken);
        await PollAsync(settings, stoppingToken);
    }

    /// <summary>
    /// One fetch at a time, as much as the window has room for; each batch is handled on its own while the next is
    /// fetched. On stopping, the batches in hand are finished (or released) before the worker ends.
    /// </summary>
    private async Task PollAsync(QueueTriggerOptions settings, CancellationToken stoppingToken)
    {
        var delay = MinimumPollingInterval;
        var handling = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var room = await _window.WaitForRoomAsync(stoppingToken);
                QueueMessage[] messages = await _queue.ReceiveMessagesAsync(room, settings.ProcessingLease, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }
                delay = MinimumPollingInterval;
                _window.Hold(messages.Length);
                handling.RemoveAll(t => t.IsCompleted);
                handling.Add(HandleBatchAsync(messages, settings, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Storage unreachable or similar: keep the worker alive and try again after a pause.
                LogPollFailed(function.Name, e);
                await Task.Delay(settings.MaxPollingInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        await Task.WhenAll(handling);
    }

    private async Task HandleBatchAsync(QueueMessage[] messages, QueueTriggerOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessAsync(messages, settings, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Settling failed (storage went away): the messages reappear when their lease ends and are delivered again.
            LogBatchFailed(function.Name, messages.Length, e);
        }
        finally
        {
            _window.Release(messages.Length);
        }
    }

    private async Task ProcessAsync(QueueMessage[] messages, QueueTriggerOptions settings, CancellationToken stoppingToken)
    {
        var held = messages.Select(m => new HeldMessage(m)).ToList();
        foreach (var message in messages) telemetry.Received(function.QueueName, message);
        IReadOnlyList<DeliveryResult> results;
        using (var handled = new CancellationTokenSource())
        {
            var renewal = RenewWhileHandledAsync(held, settings, handled.Token);
            try
            {
                results = await function.HandleAsync(messages.Select(m => new QueueDelivery(m.Body.ToString(), (int)m.DequeueCount)).ToList(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down mid-batch: make the messages visible again at once for another instance.
                await handled.CancelAsync();
                await renewal;
                await Task.WhenAll(held.Where(h => !h.Lost).Select(h =>
                    _queue.UpdateMessageAsync(h.Message.MessageId, h.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None)));
                return;
            }
            catch (Exception e)
            {
                results = messages.Select(_ => DeliveryResult.Failed(e)).ToList();
            }
            await handled.CancelAsync();
            await renewal;
        }
        await Task.WhenAll(held.Zip(results).Where(pair => !pair.First.Lost).Select(pair => SettleAsync(pair.First, pair.Second, settings)));
    }

    /// <summary>
    /// Keeps the messages hidden while their handler runs, a short lease at a time: if this process dies, they
    /// reappear one lease later. Each renewal returns a new pop receipt, which the next renewal and the settling use.
    /// </summary>
    private async Task RenewWhileHandledAsync(IReadOnlyList<HeldMessage> held, QueueTriggerOptions settings, CancellationToken handled)
    {
        using var timer = new PeriodicTimer(settings.ProcessingLeaseRenewal);
        try
        {
            while (await timer.WaitForNextTickAsync(handled))
                await Task.WhenAll(held.Where(h => !h.Lost).Select(h => RenewAsync(h, settings.ProcessingLease)));
        }
        catch (OperationCanceledException) when (handled.IsCancellationRequested)
        {
        }
    }

    private async Task RenewAsync(HeldMessage held, TimeSpan lease)
    {
        try
        {
            // Not cancelled with the handler: an update that lands unseen would leave us a stale pop receipt.
            UpdateReceipt receipt = await _queue.UpdateMessageAsync(held.Message.MessageId, held.PopReceipt, visibilityTimeout: lease, cancellationToken: CancellationToken.None);
            held.PopReceipt = receipt.PopReceipt;
        }
        catch (RequestFailedException e) when (e.Status is 400 or 404)
        {
            // Gone or re-received elsewhere (the lease ran out during a storage outage): it is no longer ours to settle.
            held.Lost = true;
            LogLeaseLost(function.Name, held.Message.MessageId, e.Message);
        }
        catch (Exception e) when (StorageClients.IsUnavailable(e))
        {
            // Storage hiccup: the next tick tries again, while the lease still has time left.
            LogRenewalFailed(function.Name, held.Message.MessageId, e);
        }
    }

    private async Task SettleAsync(HeldMessage held, DeliveryResult result, QueueTriggerOptions settings)
    {
        var message = held.Message;
        if (result.Error is null)
        {
            await _queue.DeleteMessageAsync(message.MessageId, held.PopReceipt, CancellationToken.None);
        }
        else if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            // Copy before delete: a crash in between leaves a duplicate in poison, never a lost message.
            await _poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
            await _queue.DeleteMessageAsync(message.MessageId, held.PopReceipt, CancellationToken.None);
            telemetry.Poisoned(function.QueueName);
            LogPoisoned(function.Name, message.MessageId, message.DequeueCount, result.Error.Message);
        }
        else
        {
            await _queue.UpdateMessageAsync(message.MessageId, held.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            LogRetry(function.Name, message.MessageId, message.DequeueCount, result.Error.Message);
        }
    }

    /// <summary>A received message and its latest pop receipt (each visibility update replaces it).</summary>
    private sealed class HeldMessage(QueueMessage message)
    {
        public QueueMessage Message { get; } = message;

        public string PopReceipt { get; set; } = message.PopReceipt;

        public bool Lost { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: lost the lease on message {MessageId}; another delivery will settle it: {Reason}")]
    private partial void LogLeaseLost(string function, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: renewing the lease on message {MessageId} failed; trying again")]
    private partial void LogRenewalFailed(string function, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: message {MessageId} failed on delivery {DequeueCount}; it will be retried: {Reason}")]
    private partial void LogRetry(string function, string messageId, long dequeueCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} failed {DequeueCount} times and was moved to the poison queue: {Reason}")]
    private partial void LogPoisoned(string function, string messageId, long dequeueCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: a batch of {Count} messages could not be handled or settled; they will be delivered again")]
    private partial void LogBatchFailed(string function, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: polling the queue failed")]
    private partial void LogPollFailed(string function, Exception exception);
}
