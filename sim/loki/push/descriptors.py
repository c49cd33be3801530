"""Protobuf message classes built at import from a layout (no protoc here): push.proto's
own messages (proto.py) and the variants the column reading parses with (protocols.py)."""

from __future__ import annotations

from typing import Any

from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

# message name -> [(field name, number, FieldDescriptorProto type, label, message type)]
Layout = dict[str, list[tuple[str, int, int, int, str]]]


def message_class(package: str, layout: Layout, root: str) -> Any:
    """The class of `package.root`; a field's message type is given fully qualified
    (`.package.Name`), or "" for a scalar."""
    proto = descriptor_pb2.FileDescriptorProto(
        name=f"{package}_push.proto", package=package, syntax="proto3"
    )
    for name, fields in layout.items():
        message_type = proto.message_type.add(name=name)
        for field_name, number, kind, label, type_name in fields:
            added = message_type.field.add(name=field_name, number=number, type=kind, label=label)
            if type_name:
                added.type_name = type_name
    pool = descriptor_pool.DescriptorPool()
    pool.Add(proto)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{package}.{root}"))
