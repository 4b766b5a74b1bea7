# Builds the service (default) or, with --build-arg PROJECT=tests/Orders.ExchangeSimulator/Orders.ExchangeSimulator.csproj
# --build-arg ASSEMBLY=Orders.ExchangeSimulator, the exchange simulator.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT=src/Orders.Web/Orders.Web.csproj
WORKDIR /source
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG ASSEMBLY=Orders.Web
ENV APP_ASSEMBLY=${ASSEMBLY}.dll
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec dotnet \"$APP_ASSEMBLY\""]
