package mes.ingest.messaging;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mes.ingest.IngestService.QuarantinedEvent;
import mes.ingest.config.PubSubConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes every quarantined message to the dead-letter topic too (where one is configured),
 * after the quarantine row is committed, so that operations see rejects where Pub/Sub's own
 * dead letters arrive. The quarantine row stays the record; a failed publish is logged and counted.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    @Inject
    PubSubConfig config;

    @ConfigProperty(name = "quarkus.google.cloud.project-id")
    String projectId;

    @Inject
    MeterRegistry metrics;

    private Publisher publisher;
    private ManagedChannel channel;

    void onQuarantined(@Observes(during = TransactionPhase.AFTER_SUCCESS) QuarantinedEvent event) {
        if (config.deadLetterTopic().isEmpty()) {
            return;
        }
        PubsubMessage.Builder message = PubsubMessage.newBuilder().setData(ByteString.copyFrom(event.raw()))
                .putAttributes("quarantineReason", truncate(event.reason(), 1024))
                .putAttributes("source", event.source().name());
        if (event.machineId() != null) {
            message.putAttributes("machineId", event.machineId());
        }
        ApiFuture<String> sent = publisher().publish(message.build());
        ApiFutures.addCallback(sent, new ApiFutureCallback<>() {
            @Override
            public void onFailure(Throwable t) {
                metrics.counter("mes.ingest.deadletter", "outcome", "failed").increment();
                Log.warnf("A quarantined message could not be published to the dead-letter topic: %s", t.getMessage());
            }

            @Override
            public void onSuccess(String id) {
                metrics.counter("mes.ingest.deadletter", "outcome", "published").increment();
            }
        }, MoreExecutors.directExecutor());
    }

    private synchronized Publisher publisher() {
        if (publisher == null) {
            try {
                Publisher.Builder builder = Publisher.newBuilder(TopicName.of(projectId, config.deadLetterTopic().orElseThrow()));
                config.emulatorHost().filter(h -> !h.isBlank()).ifPresent(host -> {
                    channel = ManagedChannelBuilder.forTarget(host).usePlaintext().build();
                    builder.setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel)))
                            .setCredentialsProvider(NoCredentialsProvider.create());
                });
                publisher = builder.build();
            } catch (IOException e) {
                throw new IllegalStateException("the dead-letter publisher could not be created", e);
            }
        }
        return publisher;
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        if (publisher != null) {
            publisher.shutdown();
            publisher.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (channel != null) {
            channel.shutdownNow();
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
