using Assembly = System.Reflection.Assembly;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Orders.ArchitectureTests;

/// <summary>
/// The types each type of an assembly uses, read from its metadata and IL with Mono.Cecil, for the rules NetArchTest
/// 1.3.2 cannot state: it does not list what a type uses (a namespace cycle needs that graph), and it does not see
/// the type of a catch clause nor a typeof in an attribute.
/// </summary>
internal static class TypeUses
{
    /// <summary>Each use by a type of <paramref name="assembly"/>; its nested types' uses count as its own.</summary>
    public static IReadOnlyList<TypeUse> In(Assembly assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return
        [
            .. module.Types
                .SelectMany(user => UsedBy(user).SelectMany(Named).Select(used => new TypeUse(user.FullName, user.Namespace, used.FullName, NamespaceOf(used))))
                .Distinct(),
        ];
    }

    private static IEnumerable<TypeReference?> UsedBy(TypeDefinition type) =>
    [
        type.BaseType,
        .. type.Interfaces.Select(implementation => implementation.InterfaceType),
        .. Attributes(type),
        .. Constraints(type),
        .. type.Fields.SelectMany(field => (IEnumerable<TypeReference?>)[field.FieldType, .. Attributes(field)]),
        .. type.Properties.SelectMany(property => (IEnumerable<TypeReference?>)[property.PropertyType, .. Attributes(property)]),
        .. type.Events.Select(@event => @event.EventType),
        .. type.Methods.SelectMany(UsedBy),
        // Lambdas, async state machines and iterators compile to nested types: their uses are the outer type's.
        .. type.NestedTypes.SelectMany(UsedBy),
    ];

    private static IEnumerable<TypeReference?> UsedBy(MethodDefinition method) =>
    [
        .. Signature(method),
        .. Attributes(method),
        .. Attributes(method.MethodReturnType),
        .. method.Parameters.SelectMany(Attributes),
        .. Constraints(method),
        .. method.Overrides.SelectMany(Signature),
        .. method.HasBody ? BodyTypes(method.Body) : [],
    ];

    private static IEnumerable<TypeReference?> BodyTypes(MethodBody body) =>
    [
        .. body.Variables.Select(variable => variable.VariableType),
        .. body.ExceptionHandlers.Select(handler => handler.CatchType),
        .. body.Instructions.SelectMany(instruction => OperandTypes(instruction.Operand)),
    ];

    private static IEnumerable<TypeReference?> OperandTypes(object? operand) => operand switch
    {
        TypeReference type => [type],
        MethodReference method => Signature(method),
        FieldReference field => [field.DeclaringType, field.FieldType],
        _ => [],
    };

    private static IEnumerable<TypeReference?> Signature(MethodReference method) =>
    [
        method.DeclaringType,
        method.ReturnType,
        .. method.Parameters.Select(parameter => parameter.ParameterType),
        .. method is GenericInstanceMethod generic ? generic.GenericArguments : [],
    ];

    // typeof(...) arguments of attributes are uses too.
    private static IEnumerable<TypeReference?> Attributes(ICustomAttributeProvider provider) =>
        provider.CustomAttributes.SelectMany(attribute => (IEnumerable<TypeReference?>)
        [
            attribute.AttributeType,
            .. attribute.ConstructorArguments
                .Concat(attribute.Properties.Select(named => named.Argument))
                .Concat(attribute.Fields.Select(named => named.Argument))
                .Select(argument => argument.Value as TypeReference),
        ]);

    private static IEnumerable<TypeReference?> Constraints(IGenericParameterProvider provider) =>
        provider.GenericParameters.SelectMany(parameter => parameter.Constraints.Select(constraint => constraint.ConstraintType));

    // Generic instances, arrays, by-refs, pointers and modifiers wrap the types actually named.
    private static IEnumerable<TypeReference> Named(TypeReference? type) => type switch
    {
        null or GenericParameter => [],
        GenericInstanceType generic => [.. Named(generic.ElementType), .. generic.GenericArguments.SelectMany(Named)],
        IModifierType modified => [.. Named(modified.ModifierType), .. Named(modified.ElementType)],
        FunctionPointerType pointer => [.. Named(pointer.ReturnType), .. pointer.Parameters.SelectMany(parameter => Named(parameter.ParameterType))],
        TypeSpecification specification => Named(specification.ElementType),
        _ => [type],
    };

    private static string NamespaceOf(TypeReference type) => type.IsNested ? NamespaceOf(type.DeclaringType) : type.Namespace;
}

/// <summary>A use of <paramref name="Used"/> by <paramref name="User"/>, each with its namespace.</summary>
internal sealed record TypeUse(string User, string UserNamespace, string Used, string UsedNamespace)
{
    public override string ToString() => $"{User} uses {Used}";
}
