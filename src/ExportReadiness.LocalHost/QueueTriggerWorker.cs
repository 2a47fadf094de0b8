using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using ExportReadiness.Application.Hosting;
using ExportReadiness.Application.Queues;
using ExportReadiness.Application.Scoring;
using ExportReadiness.Storage;
using Microsoft.Extensions.Options;

namespace ExportReadiness.LocalHost;

/// <summary>
/// The local host's driver of a queue trigger, with the Functions host's semantics: a batch of messages hidden
/// while handled, each deleted only after it succeeded, released with the visibility timeout on failure,
/// and copied to <c>{queue}-poison</c> once it has failed maxDequeueCount times. Polling backs off to
/// maxPollingInterval while the queue is empty.
/// </summary>
public sealed partial class QueueTriggerWorker(
    IQueueFunction function,
    StorageClients storage,
    CurrentModel currentModel,
    IOptions<QueueTriggerOptions> options,
    ILogger<QueueTriggerWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly QueueClient _queue = storage.Queue(function.QueueName);
    private readonly QueueClient _poison = storage.Queue(function.QueueName + StorageNames.PoisonSuffix);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await StorageClients.RetryWhileUnavailableAsync(() => storage.EnsureCreatedAsync(stoppingToken), logger, stoppingToken);
        // Messages that arrive before the first model is published would only burn their retries.
        await currentModel.WaitUntilAvailableAsync(stoppingToken);
        // The host keeps up to batchSize + newBatchThreshold messages in flight; so many polling loops do the same.
        var pollers = (int)Math.Ceiling((settings.BatchSize + settings.NewBatchThreshold) / (double)settings.BatchSize);
        await Task.WhenAll(Enumerable.Range(0, pollers).Select(_ => PollAsync(settings, stoppingToken)));
    }

    private async Task PollAsync(QueueTriggerOptions settings, CancellationToken stoppingToken)
    {
        var delay = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = await _queue.ReceiveMessagesAsync(settings.BatchSize, settings.ProcessingLease, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }
                delay = MinimumPollingInterval;
                await ProcessAsync(messages, settings, stoppingToken);
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
    }

    private async Task ProcessAsync(QueueMessage[] messages, QueueTriggerOptions settings, CancellationToken stoppingToken)
    {
        IReadOnlyList<DeliveryResult> results;
        try
        {
            results = await function.HandleAsync(messages.Select(m => new QueueDelivery(m.Body.ToString(), (int)m.DequeueCount)).ToList(), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down mid-batch: make the messages visible again at once for another instance.
            await Task.WhenAll(messages.Select(m => _queue.UpdateMessageAsync(m.MessageId, m.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None)));
            return;
        }
        catch (Exception e)
        {
            results = messages.Select(_ => DeliveryResult.Failed(e)).ToList();
        }
        await Task.WhenAll(messages.Zip(results).Select(pair => SettleAsync(pair.First, pair.Second, settings)));
    }

    private async Task SettleAsync(QueueMessage message, DeliveryResult result, QueueTriggerOptions settings)
    {
        if (result.Error is null)
        {
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        else if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            // Copy before delete: a crash in between leaves a duplicate in poison, never a lost message.
            await _poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
            LogPoisoned(function.Name, message.MessageId, message.DequeueCount, result.Error.Message);
        }
        else
        {
            await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
            LogRetry(function.Name, message.MessageId, message.DequeueCount, result.Error.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function}: message {MessageId} failed on delivery {DequeueCount}; it will be retried: {Reason}")]
    private partial void LogRetry(string function, string messageId, long dequeueCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: message {MessageId} failed {DequeueCount} times and was moved to the poison queue: {Reason}")]
    private partial void LogPoisoned(string function, string messageId, long dequeueCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function}: polling the queue failed")]
    private partial void LogPollFailed(string function, Exception exception);
}
