# The one image of the cluster: `mailscan coordinator`, `mailscan worker`, `mailscan serve` and
# the batch client are the same binary with other arguments.
#   docker build -f deploy/docker/mailscan.Dockerfile -t mailscan .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/MailScan.Cli/MailScan.Cli.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# gRPC (HTTP/2) and health (HTTP/1.1, /healthz and /readyz).
EXPOSE 5080 8080
USER app
ENTRYPOINT ["dotnet", "/app/mailscan.dll"]
CMD ["--help"]
