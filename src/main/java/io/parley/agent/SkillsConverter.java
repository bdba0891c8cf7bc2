package io.parley.agent;

import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Stores a skill map as a JSON object in a text column. */
@Converter
public class SkillsConverter implements AttributeConverter<Map<String, Integer>, String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Integer>> TYPE = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, Integer> skills) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(skills));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("skills cannot be written as JSON", e);
        }
    }

    @Override
    public Map<String, Integer> convertToEntityAttribute(String column) {
        try {
            return JSON.readValue(column, TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored skills are not JSON: " + column, e);
        }
    }
}
