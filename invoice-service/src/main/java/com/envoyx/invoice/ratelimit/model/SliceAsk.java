package com.envoyx.invoice.ratelimit.model;

import java.util.List;

/** One key's Reserve: the slice wanted and the key's closed slices that travel with it. */
public record SliceAsk(String token, long units, String sliceId, List<ClosedSlice> releases) {
}
