package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Where this process stands in the recorded sessions: the places where its previous request was
 * found. A request that equals the next recorded request of one of them continues that session and
 * gets its recorded answer as it is, so a whole recorded session replays exactly.
 */
final class SessionTrail {
    /** Null before the first request: a fresh process stands before the start of every session. */
    private List<Transcripts.Cursor> previous;

    /** The places that {@code request} continues (empty if none); they become the trail. */
    List<Transcripts.Cursor> follow(Transcripts transcripts, JsonNode request) {
        List<Transcripts.Cursor> next = transcripts.continuing(previous == null ? transcripts.starts() : previous,
                request);
        previous = next;
        return next;
    }

    /** The request was found at these places by other means: follow on from there. */
    void foundAt(List<Transcripts.Cursor> places) {
        previous = List.copyOf(places);
    }
}
