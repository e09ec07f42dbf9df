package dev.shipbridge.tracking;

/**
 * Receives each {@link TrackingChanged}. A change counts as delivered when this method returns;
 * when it throws (or the JVM dies first) the change is delivered again later, by this or another
 * instance, with the same ids. Hand it to a durable queue (Kafka, SQS) and return once the queue
 * has accepted it; de-duplicate downstream by {@link TrackingChanged#eventIds()}.
 *
 * <pre>{@code
 * TrackingListener toSqs = change -> sqs.sendMessage(SendMessageRequest.builder()
 *     .queueUrl(url).messageBody(json(change))
 *     .messageDeduplicationId(change.id()).messageGroupId(change.trackingNumber()).build());
 * }</pre>
 */
@FunctionalInterface
public interface TrackingListener {
  void onChange(TrackingChanged change) throws Exception;
}
