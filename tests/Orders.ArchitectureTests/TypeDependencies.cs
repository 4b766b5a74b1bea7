using Assembly = System.Reflection.Assembly;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Orders.ArchitectureTests;

/// <summary>The types a compiled type uses, read from its metadata and IL with Mono.Cecil.</summary>
internal static class TypeDependencies
{
    /// <summary>Each use, by a type of <paramref name="assembly"/>, of a type that <paramref name="matches"/>, as "user uses used [assembly]".</summary>
    public static IReadOnlyList<string> UsesIn(Assembly assembly, Func<TypeReference, bool> matches) =>
        Uses(assembly, module => module.Types, matches);

    /// <summary>Each use by <paramref name="type"/> of a type that <paramref name="matches"/>.</summary>
    public static IReadOnlyList<string> UsesBy(Type type, Func<TypeReference, bool> matches) =>
        Uses(type.Assembly, module => [module.GetType(type.FullName!.Replace('+', '/')) ?? throw new InvalidOperationException($"{type} not found")], matches);

    /// <summary>Which namespaces of <paramref name="assembly"/> use which other namespaces of the project ("Orders.").</summary>
    public static ILookup<string, string> NamespaceUses(Assembly assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return module.Types
            .Where(user => user.Namespace.Length > 0)
            .SelectMany(user => UsedBy(user).SelectMany(Named).Select(used => (From: user.Namespace, To: NamespaceOf(used))))
            .Where(use => use.To != use.From && IsUnder(use.To, "Orders"))
            .Distinct()
            .ToLookup(use => use.From, use => use.To);
    }

    /// <summary>A type whose namespace or assembly is one of <paramref name="prefixes"/> or lies under it.</summary>
    public static Func<TypeReference, bool> Under(IEnumerable<string> prefixes) =>
        type => prefixes.Any(prefix => IsUnder(type.FullName, prefix) || IsUnder(AssemblyOf(type), prefix));

    /// <summary>"Npgsql" covers "Npgsql" and "Npgsql.EntityFrameworkCore.PostgreSQL", not "NpgsqlX".</summary>
    public static bool IsUnder(string name, string prefix) =>
        name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);

    public static bool DerivesFrom(TypeReference type, Type baseType)
    {
        for (var current = type.Resolve()?.BaseType; current is not null; current = current.Resolve()?.BaseType)
        {
            if (current.FullName == baseType.FullName && AssemblyOf(current) == baseType.Assembly.GetName().Name)
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Uses(Assembly assembly, Func<ModuleDefinition, IEnumerable<TypeDefinition>> types, Func<TypeReference, bool> matches)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return
        [
            .. types(module)
                .SelectMany(user => UsedBy(user).SelectMany(Named).Where(matches).Select(used => $"{user.FullName} uses {used.FullName} [{AssemblyOf(used)}]"))
                .Distinct()
                .Order(StringComparer.Ordinal),
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

    private static string AssemblyOf(TypeReference type) => type.Scope switch
    {
        AssemblyNameReference reference => reference.Name,
        ModuleDefinition module => module.Assembly.Name.Name,
        var scope => scope.Name,
    };
}
