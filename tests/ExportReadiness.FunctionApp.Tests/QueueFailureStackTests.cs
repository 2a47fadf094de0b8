using System.Runtime.CompilerServices;
using ExportReadiness.Application.Queues;

namespace ExportReadiness.FunctionApp.Tests;

/// <summary>What the Functions host logs for a failed queue delivery: the handler's exception with the stack of where it was thrown.</summary>
public class QueueFailureStackTests
{
    private sealed class FailingFunction : IQueueFunction
    {
        public string Name => "Failing";

        public string QueueName => "failing";

        public Task<IReadOnlyList<DeliveryResult>> HandleAsync(IReadOnlyList<QueueDelivery> deliveries, CancellationToken cancellationToken)
        {
            try
            {
                ScoreTheRow();
                return Task.FromResult<IReadOnlyList<DeliveryResult>>([DeliveryResult.Done("never")]);
            }
            catch (InvalidDataException e)
            {
                // As the handlers do: the failure is kept per delivery and handed back, not thrown from here.
                return Task.FromResult<IReadOnlyList<DeliveryResult>>([DeliveryResult.Failed(e)]);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ScoreTheRow() => throw new InvalidDataException("retired-option is not on the question's scale");
    }

    [Fact]
    public async Task A_failed_delivery_is_rethrown_with_the_stack_of_the_line_that_failed()
    {
        var thrown = await Assert.ThrowsAsync<InvalidDataException>(() => new FailingFunction().HandleOneAsync("{}", 1, default));

        Assert.Contains(nameof(FailingFunction) + ".ScoreTheRow", thrown.StackTrace);
    }
}
