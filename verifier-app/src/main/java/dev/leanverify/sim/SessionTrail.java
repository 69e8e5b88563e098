package dev.leanverify.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * Where the current request was recorded: the places that continue the followed session first
     * (their context is this client's), then any other place with an equal request.
     */
    List<Transcripts.Cursor> recordedAt(Transcripts transcripts, JsonNode request) {
        Set<Transcripts.Cursor> places = new LinkedHashSet<>(previous == null ? List.of() : previous);
        places.addAll(transcripts.equalTo(request));
        return List.copyOf(places);
    }

    /** The request was found at these places by other means: follow on from there. */
    void foundAt(List<Transcripts.Cursor> places) {
        previous = List.copyOf(places);
    }
}
