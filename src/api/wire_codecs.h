// Conversions between the wire formats of the AWS protocols and the JSON the operation
// handlers read and write (the model's member names; timestamps as ISO 8601 strings):
//  query: "AlarmNames.member.1=a&Dimensions.member.1.Name=n" ⇄ {"AlarmNames": ["a"], ...}, and
//         output members as XML elements with lists as <member> items;
//  json:  timestamps as epoch seconds;
//  rpc-v2-cbor: CBOR, timestamps as tag 1 (epoch seconds), as botocore reads and writes them.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>

#include "api/params.h"
#include "api/xml_writer.h"
#include "core/result.h"

namespace faultbox::api {

// Member names whose values (or list items) are timestamps.
using TimestampMembers = std::set<std::string, std::less<>>;

// The query protocol's parameters as a JSON tree (Action and Version left out). Every value
// stays a string, as the wire has it; "X.member.N" makes a list ordered by N, "X.entry.N.key" /
// ".value" a map, and "A.B" a nested structure.
nlohmann::json query_input(const Params& params);

// Writes an output structure's members under the current element: objects nest, lists become
// <member> items, numbers and booleans are printed as the query protocol does; nulls are left out.
void write_xml_members(XmlWriter& w, const nlohmann::json& object);

// The handler output with every timestamp member (ISO 8601 string) as epoch seconds.
nlohmann::json epoch_timestamps(const nlohmann::json& output, const TimestampMembers& members);

// CBOR with timestamp members (epoch seconds, see epoch_timestamps) tagged 1.
std::string to_cbor(const nlohmann::json& value, const TimestampMembers& members = {});
// A CBOR request body; tags are dropped (a tag-1 timestamp reads as its epoch seconds; nlohmann
// 3.11 cannot read tags 0-5, so the lab reads CBOR itself).
// SerializationException for malformed input; an empty body is an empty structure.
Result<nlohmann::json> from_cbor(std::string_view body);

}  // namespace faultbox::api
