package mes.ingest.messaging;

import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.batching.FlowController;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import mes.ingest.IngestBatcher;
import mes.ingest.IngestRequest;
import mes.ingest.IngestService;
import mes.ingest.IngestSource;
import mes.ingest.config.PubSubConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The Pub/Sub path: Google's subscriber client (streaming pull) bridged into the reactive
 * messaging channel {@value #CHANNEL}, whose consumer hands each payload to the batcher and
 * acknowledges it only when its batch is committed (nack if it cannot be stored).
 *
 * <p>Why the client and not the smallrye-gcp-pubsub connector: the connector offers no flow
 * control settings and no lease extension settings, and the pipeline needs both (bounded memory
 * while the database is down, holding payloads unacknowledged for minutes). The channel keeps the
 * consumer the same for every source that reaches it.
 */
@ApplicationScoped
public class PubSubIngest {

    public static final String CHANNEL = "sensor-data";

    /** Pub/Sub facts about a delivery, carried with the message through the channel. */
    public record PubSubDelivery(String messageId, Instant publishTime, Map<String, String> attributes) {
    }

    @Inject
    PubSubConfig config;

    @ConfigProperty(name = "quarkus.google.cloud.project-id")
    String projectId;

    @Inject
    @Channel(CHANNEL)
    @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) // bounded upstream by the subscriber's flow control
    Emitter<byte[]> emitter;

    @Inject
    IngestBatcher batcher;

    @Inject
    IngestService ingest;

    @Inject
    MeterRegistry metrics;

    private Subscriber subscriber;
    private ManagedChannel channel;

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        ProjectSubscriptionName name = ProjectSubscriptionName.of(projectId, config.subscription());
        Subscriber.Builder builder = Subscriber.newBuilder(name, this::receive)
                .setFlowControlSettings(FlowControlSettings.newBuilder()
                        .setMaxOutstandingElementCount(config.maxOutstandingMessages())
                        .setMaxOutstandingRequestBytes(config.maxOutstandingBytes())
                        .setLimitExceededBehavior(FlowController.LimitExceededBehavior.Block)
                        .build())
                .setMaxAckExtensionPeriod(org.threeten.bp.Duration.ofMillis(config.maxAckExtension().toMillis()))
                .setParallelPullCount(config.parallelPulls());
        config.emulatorHost().filter(h -> !h.isBlank()).ifPresent(host -> {
            channel = ManagedChannelBuilder.forTarget(host).usePlaintext().build();
            builder.setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                    .setCredentialsProvider(NoCredentialsProvider.create());
        });
        subscriber = builder.build();
        subscriber.startAsync().awaitRunning();
        Log.infof("Consuming Pub/Sub subscription %s%s", name,
                config.emulatorHost().map(h -> " at " + h + " (emulator)").orElse(""));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.stopAsync();
            try {
                subscriber.awaitTerminated(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                Log.warn("The Pub/Sub subscriber did not stop within 10 s");
            }
        }
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    /** Called by the client for each delivery: into the channel, with ack and nack bound to the client's. */
    void receive(PubsubMessage message, AckReplyConsumer reply) {
        metrics.counter("mes.ingest.pubsub.received").increment();
        Instant published = Instant.ofEpochSecond(message.getPublishTime().getSeconds(), message.getPublishTime().getNanos());
        PubSubDelivery delivery = new PubSubDelivery(message.getMessageId(), published, message.getAttributesMap());
        emitter.send(Message.of(message.getData().toByteArray(), Metadata.of(delivery))
                .withAck(() -> {
                    reply.ack();
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    reply.nack();
                    return CompletableFuture.completedFuture(null);
                }));
    }

    /**
     * Hands the payload to the batcher and returns at once, so that payloads keep flowing into
     * the batch; the acknowledgement follows the commit.
     */
    @Incoming(CHANNEL)
    CompletionStage<Void> consume(Message<byte[]> message) {
        PubSubDelivery delivery = message.getMetadata(PubSubDelivery.class)
                .orElse(new PubSubDelivery(null, Instant.now(), Map.of()));
        IngestRequest request = IngestRequest.delivered(message.getPayload(), IngestSource.PUBSUB, delivery.publishTime(),
                delivery.messageId());
        String version = delivery.attributes().get("schemaVersion");
        if (version != null && !version.equals("1")) {
            // a payload of a contract version this build does not know: keep it, do not guess
            try {
                ingest.quarantineUnstorable(request, "schemaVersion " + version + " is not supported; this build reads version 1");
                return message.ack();
            } catch (RuntimeException e) {
                return message.nack(e);
            }
        }
        batcher.submit(request, true).whenComplete((report, failure) -> {
            if (failure == null) {
                message.ack();
            } else {
                metrics.counter("mes.ingest.pubsub.nacked").increment();
                message.nack(failure);
            }
        });
        return CompletableFuture.completedFuture(null);
    }
}
