"""The peer of `whale serve` in bench/service-wrk.sh: the project-setup posts' Flask app (an app factory,
flask-sqlalchemy, a users table), written here for the benchmark only and run by Debian's gunicorn.
Connection settings come from the same variables as whale's config."""
import os

from flask import Flask
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String, unique=True, nullable=False)


def make_app():
    env = os.environ
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg2://{}:{}@{}:{}/{}".format(
        env["POSTGRES_USER"], env["POSTGRES_PASSWORD"], env["POSTGRES_HOSTNAME"], env["POSTGRES_PORT"],
        env["APPLICATION_DB"])
    app.config["SQLALCHEMY_TRACK_MODIFICATIONS"] = False
    db.init_app(app)

    @app.get("/")
    def hello():
        return "Hello, World!"

    @app.get("/users")
    def users():
        return "Number of users: {}".format(db.session.query(User).count())

    return app


app = make_app()
