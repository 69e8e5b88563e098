package dev.leanverify.stream;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails the task on any processing exception (so its transaction aborts and nothing is lost),
 * like Kafka's LogAndFail handler, saying where: the processor, the task and the record's place.
 */
public final class ProcessingFailureHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessingFailureHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.error("processing failed in {} (task {}, {}-{}@{}); the task stops and its transaction is aborted",
                context.processorNodeId(), context.taskId(), context.topic(), context.partition(), context.offset(),
                exception);
        return Response.fail();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}
