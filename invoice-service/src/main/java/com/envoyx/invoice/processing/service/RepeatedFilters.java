package com.envoyx.invoice.processing.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * PDFBox drops a filter named twice in a stream's {@code /Filter} array (its guard against
 * double-compressed bombs) and then reads the stream as still-encoded bytes: text inside would be
 * missed, and a bomb carrying real text would pass as a document without a text layer. So such
 * streams (images aside, which the probe never decodes) are decoded here, every filter in turn,
 * into the heap: within the child JVM's heap the text is read, beyond it the child dies and the
 * document ends FAILED as over the processing bounds.
 */
final class RepeatedFilters {

    private RepeatedFilters() {
    }

    static void decode(PDDocument document) throws IOException {
        COSDocument cos = document.getDocument();
        for (COSObjectKey key : new ArrayList<>(cos.getXrefTable().keySet())) {
            COSBase object = cos.getObjectFromPool(key).getObject();
            if (object instanceof COSStream stream && !COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))
                    && repeated(stream.getFilters())) {
                decodeInPlace(stream);
            }
        }
    }

    private static boolean repeated(COSBase filters) {
        if (!(filters instanceof COSArray array)) {
            return false;
        }
        Set<COSBase> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!seen.add(array.getObject(i))) {
                return true;
            }
        }
        return false;
    }

    private static void decodeInPlace(COSStream stream) throws IOException {
        List<COSName> filters = new ArrayList<>();
        for (COSBase filter : (COSArray) stream.getFilters()) {
            if (!(filter instanceof COSName name)) {
                throw new IOException("a filter that is not a name");
            }
            filters.add(name);
        }
        byte[] data;
        try (InputStream raw = stream.createRawInputStream()) {
            data = raw.readAllBytes();
        }
        for (int i = 0; i < filters.size(); i++) {
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            FilterFactory.INSTANCE.getFilter(filters.get(i)).decode(new ByteArrayInputStream(data), decoded, stream, i);
            data = decoded.toByteArray();
        }
        stream.removeItem(COSName.FILTER);
        stream.removeItem(COSName.DECODE_PARMS);
        try (OutputStream out = stream.createRawOutputStream()) {
            out.write(data);
        }
    }
}
